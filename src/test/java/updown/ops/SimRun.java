package updown.ops;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the integration tests share about running {@code simulate} from the jar and reading what it left. */
final class SimRun {
    static final Pattern TRADE = Pattern.compile("^TRADE\\s+#(\\d+)\\s");
    static final Pattern SETTLE = Pattern.compile("^SETTLE\\s+#(\\d+)\\s.*\\sbalance\\s+(-?[0-9.]+)\\s*$");
    static final Pattern READY = Pattern.compile("portfolio ready: balance (-?[0-9.]+)");

    private SimRun() {
    }

    /**
     * Settings for a busy, fast simulation: one strategy's vote is enough, so nearly every window trades; feeds
     * count as stale only after 2 simulated minutes, so a loaded CI machine does not starve the trader at 200x.
     */
    static Map<String, String> busySettings(Path dataDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("DATA_DIR", dataDir.toString());
        m.put("DASHBOARD_PORT", "0");
        m.put("ENSEMBLE_MIN_VOTES", "1");
        m.put("CONFIDENCE_THRESHOLD", "0.5");
        m.put("MAX_ENTRY_PRICE", "0.95");
        m.put("BOOK_STALE_MS", "120000");
        m.put("PRICE_STALE_MS", "120000");
        m.put("MAX_DAILY_LOSS", "100000");
        m.put("MAX_DRAWDOWN_LIMIT", "0.95");
        return m;
    }

    /** The heartbeat file's content, or null while there is none (or it is caught mid-write). */
    static String heartbeat(Path file) throws IOException {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Waits for the process's first tick: the heartbeat file holding something other than {@code before} (what the
     * previous process left). Returns System.nanoTime() of the moment it was seen (polled every 5 ms).
     */
    static long awaitFirstTick(JarProcess p, Path heartbeat, String before, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String now = heartbeat(heartbeat);
            if (now != null && !now.equals(before)) {
                return System.nanoTime();
            }
            if (!p.isAlive()) {
                throw new AssertionError("simulate exited (" + p.process().exitValue() + ") before its first tick:\n"
                        + p.stderrTail());
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no tick within " + limit + ":\n" + p.stderrTail());
    }

    static long micros(String decimal) {
        return new BigDecimal(decimal).movePointRight(6).longValueExact();
    }

    /** The balances logged as "portfolio ready: balance X" in the log file, in order, in micros. */
    static List<Long> bootBalances(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().map(READY::matcher)
                .filter(Matcher::find).map(m -> micros(m.group(1))).toList();
    }
}
