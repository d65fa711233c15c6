package updown.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import updown.domain.TraderTicked;

class SharedRecordsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Tick marks 0..n-1 one second apart; every {@code fillEvery} records it has nothing at hand until filled. */
    private static final class Counting implements RecordSource {
        final int n;
        final int fillEvery;
        int made;
        int fills;
        int closes;
        boolean filled = true;
        RuntimeException failAt;
        int failIndex = -1;

        Counting(int n, int fillEvery) {
            this.n = n;
            this.fillEvery = fillEvery;
        }

        @Override
        public TapeRecord poll() {
            if (made >= n) {
                return null;
            }
            if (fillEvery > 0 && made % fillEvery == 0 && !filled) {
                return null;
            }
            if (made == failIndex) {
                throw failAt;
            }
            TapeRecord r = tick(made++);
            filled = fillEvery <= 0 || made % fillEvery != 0;
            return r;
        }

        @Override
        public boolean exhausted() {
            return made >= n;
        }

        @Override
        public void fill() {
            fills++;
            filled = true;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private static TapeRecord tick(int i) {
        return new TapeRecord.Tick(new TraderTicked(T0.plusSeconds(i), i, 0, true, 0, 0));
    }

    private static List<Long> readAll(RecordSource s) throws IOException {
        List<Long> seconds = new ArrayList<>();
        for (TapeRecord r = s.next(); r != null; r = s.next()) {
            seconds.add(r.at().getEpochSecond() - T0.getEpochSecond());
        }
        return seconds;
    }

    private static List<Long> upTo(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    @DisplayName("each reader gets every record of the source in order, the source is read once and closed by the last")
    void everyReaderGetsEverything() throws Exception {
        int n = SharedRecords.CHUNK * 3 + 17; // a partial last chunk
        Counting source = new Counting(n, 1_000); // and the source asks to be filled now and then
        List<RecordSource> readers = SharedRecords.open(source, 3);
        List<List<Long>> seen = new ArrayList<>();
        // one thread, readers taking turns a chunk apart: within the lead, nobody waits
        List<List<Long>> partial = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        boolean more = true;
        while (more) {
            more = false;
            for (int i = 0; i < 3; i++) {
                RecordSource r = readers.get(i);
                for (int k = 0; k < 1_500; k++) {
                    TapeRecord rec = r.next();
                    if (rec == null) {
                        break;
                    }
                    partial.get(i).add(rec.at().getEpochSecond() - T0.getEpochSecond());
                    more = true;
                }
            }
        }
        seen.addAll(partial);
        assertThat(seen).allSatisfy(s -> assertThat(s).isEqualTo(upTo(n)));
        assertThat(source.made).isEqualTo(n); // made once, not three times
        assertThat(source.fills).isEqualTo(n / 1_000);
        readers.get(0).close();
        readers.get(1).close();
        assertThat(source.closes).isZero();
        readers.get(2).close();
        readers.get(2).close();
        assertThat(source.closes).isEqualTo(1);
    }

    @Test
    @DisplayName("a reader runs at most a few chunks ahead of the slowest open one, and on once that one is closed")
    void leadIsBounded() throws Exception {
        int n = SharedRecords.CHUNK * (SharedRecords.MAX_LEAD + 4);
        Counting source = new Counting(n, 0);
        List<RecordSource> readers = SharedRecords.open(source, 2);
        RecordSource fast = readers.get(0);
        int got = 0;
        while (fast.poll() != null) {
            got++;
        }
        // the slow reader has not read anything yet: the fast one stops after MAX_LEAD chunks, not at the end
        assertThat(got).isEqualTo(SharedRecords.CHUNK * SharedRecords.MAX_LEAD);
        assertThat(fast.exhausted()).isFalse();
        assertThat(source.made).isEqualTo(got);
        readers.get(1).close();
        fast.fill(); // returns at once: nobody left to wait for
        while (fast.poll() != null) {
            got++;
        }
        assertThat(got).isEqualTo(n);
        assertThat(fast.exhausted()).isTrue();
    }

    @Test
    @Timeout(60)
    @DisplayName("readers on threads of their own, waiting for each other in fill, all read the same records")
    void concurrentReaders() throws Exception {
        int n = SharedRecords.CHUNK * 25 + 5;
        Counting source = new Counting(n, 3_000);
        List<RecordSource> readers = SharedRecords.open(source, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (RecordSource r : readers) {
                results.add(pool.submit(() -> {
                    try (r) {
                        return readAll(r);
                    }
                }));
            }
            for (Future<List<Long>> f : results) {
                assertThat(f.get(50, TimeUnit.SECONDS)).isEqualTo(upTo(n));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.made).isEqualTo(n);
        assertThat(source.closes).isEqualTo(1);
    }

    @Test
    @DisplayName("a failing source fails every reader with its exception")
    void failureReachesEveryReader() {
        Counting source = new Counting(SharedRecords.CHUNK * 3, 0);
        source.failIndex = SharedRecords.CHUNK + 10;
        source.failAt = new IllegalStateException("row 4106 is not a kline");
        List<RecordSource> readers = SharedRecords.open(source, 2);
        assertThatThrownBy(() -> readAll(readers.get(0))).isSameAs(source.failAt);
        assertThatThrownBy(() -> readAll(readers.get(1))).isSameAs(source.failAt);
    }
}
