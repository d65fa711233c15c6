package updown.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.BookSide;
import updown.domain.MarketEvent;
import updown.domain.Price;
import updown.domain.Shares;

@DisplayName("Tape format: exact round trip, torn tails skipped, daily segments, retention")
class TapeFormatTest {
    @TempDir
    Path dir;

    private static List<TapeRecord> readAll(TapeReader reader) throws IOException {
        List<TapeRecord> out = new ArrayList<>();
        for (TapeRecord r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }

    private List<TapeRecord> write(List<TapeRecord> records) throws IOException {
        try (TapeWriter w = new TapeWriter(dir)) {
            w.append(records);
        }
        return records;
    }

    @Test
    @DisplayName("every event type and the tick mark come back equal, field for field, nulls and nanoseconds included")
    void roundTripOfEveryKind() throws IOException {
        List<TapeRecord> written = write(TapeSamples.everyKind(TapeSamples.T0));
        try (TapeReader reader = TapeReader.open(dir)) {
            assertThat(readAll(reader)).containsExactlyElementsOf(written);
            assertThat(reader.stats().damagedSegments()).isZero();
            assertThat(reader.stats().records()).isEqualTo(written.size());
        }
    }

    @Test
    @DisplayName("a seeded stream of 20,000 book changes round-trips in several appends, compactly")
    void randomStream() throws IOException {
        long seed = 20261125L;
        List<TapeRecord> records = TapeSamples.bookChanges(new Random(seed), TapeSamples.T0, 20_000);
        try (TapeWriter w = new TapeWriter(dir)) {
            for (int i = 0; i < records.size(); i += 777) {
                w.append(records.subList(i, Math.min(records.size(), i + 777)));
            }
        }
        try (TapeReader reader = TapeReader.open(dir)) {
            assertThat(readAll(reader)).as("seed %d", seed).containsExactlyElementsOf(records);
            // 76-digit token ids are written once per segment, then referenced: ~20 bytes a change
            assertThat(reader.stats().bytes() / records.size()).as("bytes per record").isLessThan(24);
        }
    }

    @Test
    @DisplayName("a tail torn at any byte of the last record is detected and skipped; everything before it is read")
    void tornTailAtEveryOffset() throws IOException {
        List<TapeRecord> records = write(TapeSamples.everyKind(TapeSamples.T0));
        Path segment = TapeFiles.segments(dir).get(0);
        byte[] full = Files.readAllBytes(segment);
        long withoutLast;
        try (TapeWriter w = new TapeWriter(dir.resolve("short"))) {
            w.append(records.subList(0, records.size() - 1));
            withoutLast = w.bytes();
        }
        for (int cut = (int) withoutLast + 1; cut < full.length; cut++) {
            Path torn = dir.resolve("torn").resolve(segment.getFileName());
            Files.createDirectories(torn.getParent());
            Files.write(torn, java.util.Arrays.copyOf(full, cut));
            try (TapeReader reader = TapeReader.ofSegment(torn)) {
                assertThat(readAll(reader)).as("cut at %d of %d", cut, full.length)
                        .containsExactlyElementsOf(records.subList(0, records.size() - 1));
                assertThat(reader.stats().damagedSegments()).isEqualTo(1);
                assertThat(reader.stats().skippedBytes()).isEqualTo(cut - withoutLast);
            }
        }
    }

    @Test
    @DisplayName("a flipped byte ends its segment at the damaged record; the next segment is read in full")
    void corruptionEndsOnlyItsSegment() throws IOException {
        Instant day1 = Instant.parse("2026-05-12T23:59:58Z");
        List<TapeRecord> first = TapeSamples.bookChanges(new Random(7), day1, 10);
        List<TapeRecord> second = TapeSamples.bookChanges(new Random(8), Instant.parse("2026-05-13T00:00:01Z"), 10);
        List<TapeRecord> all = new ArrayList<>(first);
        all.addAll(second);
        write(all);
        List<Path> segments = TapeFiles.segments(dir);
        assertThat(segments).hasSize(2);
        byte[] bytes = Files.readAllBytes(segments.get(0));
        bytes[bytes.length - 30] ^= 0x40; // inside one of the last records
        Files.write(segments.get(0), bytes);
        try (TapeReader reader = TapeReader.open(dir)) {
            List<TapeRecord> read = readAll(reader);
            assertThat(read).endsWith(second.toArray(new TapeRecord[0]));
            assertThat(read.size()).isBetween(second.size() + 7, all.size() - 1);
            assertThat(reader.stats().damagedSegments()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("segments rotate at UTC midnight by record time and sort in time order; a restart opens a new one")
    void rotationAndRestart() throws IOException {
        Instant late = Instant.parse("2026-05-12T23:59:59.900Z");
        List<TapeRecord> batch = TapeSamples.bookChanges(new Random(3), late, 40); // crosses midnight
        write(batch);
        List<TapeRecord> more = TapeSamples.bookChanges(new Random(4), batch.get(39).at(), 5);
        write(more); // a second writer = a restart, same day
        List<Path> segments = TapeFiles.segments(dir);
        assertThat(segments).extracting(p -> p.getFileName().toString())
                .hasSize(3)
                .allMatch(n -> n.endsWith(".tape"));
        assertThat(segments.get(0).getFileName().toString()).startsWith("20260512T235959");
        assertThat(segments.get(1).getFileName().toString()).startsWith("20260513T");
        try (TapeReader reader = TapeReader.open(dir)) {
            List<TapeRecord> expected = new ArrayList<>(batch);
            expected.addAll(more);
            assertThat(readAll(reader)).containsExactlyElementsOf(expected);
            assertThat(reader.stats().segments()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("two segments starting in the same millisecond get distinct names that still sort in order")
    void nameCollision() throws IOException {
        List<TapeRecord> a = TapeSamples.bookChanges(new Random(1), TapeSamples.T0, 3);
        write(a);
        write(a.subList(0, 1));
        List<String> names = TapeFiles.segments(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSize(2);
        assertThat(names.get(1)).isEqualTo(names.get(0).replace(".tape", "_1.tape"));
    }

    @Test
    @DisplayName("retention deletes the segments of days older than RECORD_RETENTION_DAYS and nothing else")
    void retention() throws IOException {
        for (String day : List.of("2026-04-10", "2026-04-11", "2026-04-12", "2026-05-12")) {
            write(TapeSamples.bookChanges(new Random(1), Instant.parse(day + "T10:00:00Z"), 2));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a segment");
        int deleted = TapeFiles.deleteOlderThan(dir, LocalDate.parse("2026-05-12"), 30);
        assertThat(deleted).isEqualTo(2);
        assertThat(TapeFiles.segments(dir)).extracting(p -> p.getFileName().toString().substring(0, 8))
                .containsExactly("20260412", "20260512");
        assertThat(dir.resolve("notes.txt")).exists();
    }

    @Test
    @DisplayName("a record that cannot be encoded is skipped and leaves the dictionary consistent for the next")
    void unencodableRecordIsSkipped() throws IOException {
        String token = "99887766554433221100";
        List<TapeRecord> records = List.of(
                TapeSamples.ev(new MarketEvent.BookLevelChanged("first", BookSide.BID, Price.of("0.5"),
                        Shares.ofWhole(1), TapeSamples.T0)),
                // out of the tape's time range
                TapeSamples.ev(new MarketEvent.BookLevelChanged(token, BookSide.BID, Price.of("0.5"),
                        Shares.ofWhole(1), Instant.MAX)),
                // defines `token` in the dictionary, then fails on its missing price
                TapeSamples.ev(new MarketEvent.BookLevelChanged(token, BookSide.BID, null,
                        Shares.ofWhole(1), TapeSamples.T0)),
                TapeSamples.ev(new MarketEvent.BookLevelChanged(token, BookSide.ASK, Price.of("0.6"),
                        Shares.ofWhole(1), TapeSamples.T0.plusSeconds(1))));
        try (TapeWriter w = new TapeWriter(dir)) {
            w.append(records);
            assertThat(w.unencodable()).isEqualTo(2);
        }
        try (TapeReader reader = TapeReader.open(dir)) {
            assertThat(readAll(reader)).containsExactly(records.get(0), records.get(3));
        }
    }

    @Test
    @DisplayName("a file with a foreign header or a torn header is skipped, not read as records")
    void badHeaders() throws IOException {
        Files.writeString(dir.resolve("20260512T000000000Z.tape"), "hello, not a tape at all");
        Files.write(dir.resolve("20260512T000001000Z.tape"), new byte[] {'U', 'D'});
        write(TapeSamples.bookChanges(new Random(2), Instant.parse("2026-05-12T01:00:00Z"), 3));
        try (TapeReader reader = TapeReader.open(dir)) {
            assertThat(readAll(reader)).hasSize(3);
            assertThat(reader.stats().damagedSegments()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("open(dir, notBefore) skips whole segments that end before the instant")
    void skipEarlySegments() throws IOException {
        write(TapeSamples.bookChanges(new Random(1), Instant.parse("2026-05-10T10:00:00Z"), 2));
        write(TapeSamples.bookChanges(new Random(1), Instant.parse("2026-05-11T10:00:00Z"), 2));
        write(TapeSamples.bookChanges(new Random(1), Instant.parse("2026-05-12T10:00:00Z"), 2));
        try (TapeReader reader = TapeReader.open(dir, Instant.parse("2026-05-11T12:00:00Z"))) {
            List<TapeRecord> read = readAll(reader);
            assertThat(read).hasSize(4);
            assertThat(read.get(0).at()).isAfter(Instant.parse("2026-05-11T00:00:00Z"));
        }
    }

    @Test
    @DisplayName("the file is append-only framing: a segment is exactly magic + records, no padding")
    void exactSize() throws IOException {
        write(TapeSamples.bookChanges(new Random(5), TapeSamples.T0, 100));
        Path segment = TapeFiles.segments(dir).get(0);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ);
             TapeReader reader = TapeReader.ofSegment(segment)) {
            readAll(reader);
            assertThat(reader.stats().bytes() + TapeFormat.MAGIC.length).isEqualTo(ch.size());
        }
    }
}
