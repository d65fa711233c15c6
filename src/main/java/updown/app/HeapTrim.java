package updown.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import updown.time.Timers;

/**
 * Lets the 24/7 service give back heap it no longer uses, with the JVM's own defaults (a plain {@code java -jar}).
 *
 * <p>G1, the default collector on a 2-core VPS, grows its committed heap under a burst (a backfill, a busy minute)
 * and keeps it: young collections never shrink it, and the full collection that would is rare. Its free-heap
 * ratios are "manageable", settable while the JVM runs: 10–30 % free after a full collection instead of up to 70 %.
 * {@link #schedule} then runs one full collection every few minutes on a worker thread (tens of milliseconds for the
 * bot's small live data, about 12 MB with eight markets), so the resident set follows what the bot uses (issue 15:
 * eight markets within 200 MB with JVM defaults). A setting the user gave on the command line, another collector,
 * or a JVM without these options is left alone, and then nothing is scheduled.
 */
public final class HeapTrim {
    /** Name, value, name, value...; in this order, so MinHeapFreeRatio never exceeds MaxHeapFreeRatio. */
    private static final List<String> SETTINGS = List.of("MaxHeapFreeRatio", "30", "MinHeapFreeRatio", "10");
    /** How often the heap is trimmed: rare enough to cost nothing, often enough to undo a burst within minutes. */
    public static final long TRIM_EVERY_MS = 120_000;

    private HeapTrim() {
    }

    /** Applies what it can; returns the settings it changed, as {@code NAME=value}. Never throws. */
    public static List<String> apply() {
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

    /**
     * Every {@link #TRIM_EVERY_MS}, a full collection on a worker thread (never an event loop), which shrinks the heap
     * to the ratios {@link #apply} set. Returns the timer id.
     */
    public static long schedule(io.vertx.core.Vertx vertx) {
        return Timers.ofWallClock(vertx).everyWallMillis(TRIM_EVERY_MS, id -> vertx.executeBlocking(() -> {
            System.gc(); // the one place: a full collection is what makes G1 give committed heap back
            return null;
        }, false));
    }

    private static void set(HotSpotDiagnosticMXBean vm, String name, String value, List<String> changed) {
        VMOption option = vm.getVMOption(name);
        if (option.isWriteable() && option.getOrigin() == VMOption.Origin.DEFAULT) {
            vm.setVMOption(name, value);
            changed.add(name + "=" + value);
        }
    }
}
