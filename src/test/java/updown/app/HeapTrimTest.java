package updown.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the service gives back idle heap: G1's manageable settings, set at start, never over the user's")
class HeapTrimTest {

    @Test
    @DisplayName("on G1 with default settings: 10-30 % free heap after a full collection; a setting given on the "
            + "command line is kept")
    void setsWhatTheUserDidNotSet() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = "true".equals(vm.getVMOption("UseG1GC").getValue());
        List<String> changed = HeapTrim.apply();
        if (!g1) {
            assertThat(changed).as("another collector is left alone").isEmpty();
            return;
        }
        for (String[] expected : new String[][] {{"MaxHeapFreeRatio", "30"}, {"MinHeapFreeRatio", "10"}}) {
            var option = vm.getVMOption(expected[0]);
            if (option.getOrigin() == com.sun.management.VMOption.Origin.MANAGEMENT) {
                assertThat(option.getValue()).as(expected[0]).isEqualTo(expected[1]);
            } else {
                assertThat(changed).as("%s came from %s: not ours to change", expected[0], option.getOrigin())
                        .noneMatch(c -> c.startsWith(expected[0] + "="));
            }
        }
        assertThat(Integer.parseInt(vm.getVMOption("MinHeapFreeRatio").getValue()))
                .isLessThanOrEqualTo(Integer.parseInt(vm.getVMOption("MaxHeapFreeRatio").getValue()));
    }
}
