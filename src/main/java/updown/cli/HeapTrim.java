package updown.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the 24/7 service give back heap it no longer uses, with the JVM's own defaults (a plain {@code java -jar}).
 *
 * <p>G1, the default collector on a 2-core VPS, grows its committed heap under a burst (a backfill, a busy minute)
 * and keeps it: on an idle bot a collection may not come for minutes, and a collection shrinks the heap only down to
 * 70 % free. Three of its settings are "manageable", settable while the JVM runs: a periodic collection every
 * minute when none happened, and 10–30 % free heap after a collection. The bot's live data is small (about 12 MB
 * with eight markets), so this keeps the resident set near what it uses (issue 15: eight markets within 200 MB).
 * A setting the user gave on the command line, another collector, or a JVM without these options is left alone.
 */
final class HeapTrim {
    /** Name, value, name, value...; in this order, so MinHeapFreeRatio never exceeds MaxHeapFreeRatio. */
    private static final List<String> SETTINGS = List.of("G1PeriodicGCInterval", "60000",
            "MaxHeapFreeRatio", "30", "MinHeapFreeRatio", "10");

    private HeapTrim() {
    }

    /** Applies what it can; returns the settings it changed, as {@code NAME=value}. Never throws. */
    static List<String> apply() {
        List<String> changed = new ArrayList<>();
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || !"true".equals(vm.getVMOption("UseG1GC").getValue())) {
                return changed;
            }
            for (int i = 0; i < SETTINGS.size(); i += 2) {
                set(vm, SETTINGS.get(i), SETTINGS.get(i + 1), changed);
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or the option is missing: the JVM keeps its defaults
        }
        return changed;
    }

    private static void set(HotSpotDiagnosticMXBean vm, String name, String value, List<String> changed) {
        VMOption option = vm.getVMOption(name);
        if (option.isWriteable() && option.getOrigin() == VMOption.Origin.DEFAULT) {
            vm.setVMOption(name, value);
            changed.add(name + "=" + value);
        }
    }
}
