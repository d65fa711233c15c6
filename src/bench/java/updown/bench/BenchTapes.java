package updown.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import updown.record.RecordSource;
import updown.record.TapeRecord;
import updown.record.TapeWriter;
import updown.sim.SimOptions;
import updown.sim.SimRecordSource;
import updown.testkit.Fixtures;

/**
 * Live-like tapes for the benchmarks: the simulated market on the shared BTC CSV with books as the CLOB websocket
 * sends them (a snapshot per window, then level changes every second), ticks every 5 s, cut at an exact record count.
 * About 34 records per simulated second: 1,000,000 records are about 8 hours.
 */
final class BenchTapes {
    static final Path CSV = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv");

    private BenchTapes() {
    }

    /** Writes {@code records} records starting one hour into the CSV into a new temporary directory. */
    static Path write(long records) throws IOException {
        Path dir = Files.createTempDirectory("updown-bench-tape");
        SimRecordSource.Loaded data = SimRecordSource.loadKlines(CSV, SimOptions.defaults().withSeed(3));
        Instant start = data.span().first().plus(Duration.ofHours(1));
        long written = 0;
        try (RecordSource src = SimRecordSource.of(data.model(start), start, data.span().end(),
                Duration.ofSeconds(5)).withBookDeltas(); TapeWriter w = new TapeWriter(dir)) {
            List<TapeRecord> batch = new ArrayList<>(8192);
            for (TapeRecord r = src.next(); r != null && written < records; r = src.next()) {
                batch.add(r);
                written++;
                if (batch.size() == 8192) {
                    w.append(batch);
                    batch.clear();
                }
            }
            w.append(batch);
        }
        if (written != records) {
            throw new IllegalStateException("the CSV gave only " + written + " records");
        }
        return dir;
    }

    static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
