import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import updown.record.TapeReader;
import updown.record.TapeRecord;

/**
 * Tick durations from a DATA_DIR/tape (the trader writes each tick's wall time there): count, p50, p99, max in ms and
 * the most markets live in one tick. Run with the jar on the class path (Java source-file mode):
 * {@code java -cp target/updown.jar scripts/TickDurations.java data/tape}.
 */
public final class TickDurations {
    private TickDurations() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> micros = new ArrayList<>();
        int maxMarkets = 0;
        TapeReader reader = TapeReader.open(Path.of(args.length > 0 ? args[0] : "data/tape"));
        try {
            while (true) {
                TapeRecord r = reader.poll();
                if (r == null) {
                    if (reader.exhausted()) {
                        break;
                    }
                    reader.fill();
                    continue;
                }
                if (r instanceof TapeRecord.Tick t) {
                    micros.add(t.ticked().durationMicros());
                    maxMarkets = Math.max(maxMarkets, t.ticked().activeMarkets());
                }
            }
        } finally {
            reader.close();
        }
        micros.sort(Long::compare);
        if (micros.isEmpty()) {
            System.out.println("no ticks on the tape");
            return;
        }
        System.out.printf("ticks %d, live markets per tick up to %d, duration p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                micros.size(), maxMarkets, at(micros, 0.50) / 1000.0, at(micros, 0.99) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }
}
