package updown.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tape file format, version 1 (full description in {@code docs/backtest.md}).
 *
 * <p>A tape is a directory of segment files {@code yyyyMMdd'T'HHmmssSSS'Z'.tape} (UTC time of the segment's first
 * record; {@code _N} is appended when two segments would share a name). A segment holds records of one UTC day only;
 * a new one starts at UTC midnight and at every recorder start, so a crash can only ever tear the end of a segment.
 * Sorting the names sorts the segments by time.
 *
 * <pre>
 * segment = MAGIC record*
 * record  = varint(n) payload[n] crc32c(payload):int32-LE
 * payload = type:u8 zigzag(at − previous record's at, in ns; the first record of a segment: since 1970) body
 * </pre>
 *
 * Money, prices and sizes are integer micro-units (exact, as in {@link updown.domain.Micros}); instants are
 * {@code varint(nanos + 1) zigzag(epochSecond)} ({@code 0} = null). Strings are references into a per-segment
 * dictionary: {@code 0} null, {@code 1} define (varint length + UTF-8, becomes the next entry), {@code 2} literal (not
 * remembered: book hashes), {@code k ≥ 3} entry {@code k − 3}. A torn or corrupt record (length past the end of the
 * file, checksum mismatch) ends the reading of its segment: it and anything after it in that segment are skipped.
 */
public final class TapeFormat {
    /** "UDTAPE", a newline, and the format version. */
    static final byte[] MAGIC = {'U', 'D', 'T', 'A', 'P', 'E', '\n', 1};
    public static final String SUFFIX = ".tape";

    static final int MARKET_DISCOVERED = 1;
    static final int BOOK_SNAPSHOT = 2;
    static final int BOOK_LEVEL_CHANGED = 3;
    static final int TICK_SIZE_CHANGED = 4;
    static final int BOOK_HEALTH = 5;
    static final int CANDLE_UPDATED = 6;
    static final int FEED_HEALTH = 7;
    static final int PRICE_TO_BEAT = 8;
    static final int MARKET_RESOLVED = 9;
    /** A candle of an asset other than BTC: the asset, then a {@link #CANDLE_UPDATED} body (BTC keeps tag 6). */
    static final int ASSET_CANDLE_UPDATED = 10;
    static final int TRADER_TICKED = 16;

    static final int STR_NULL = 0;
    static final int STR_DEFINE = 1;
    static final int STR_LITERAL = 2;
    static final int STR_FIRST_REF = 3;
    /** Dictionary entries per segment; later new strings are written as literals. */
    static final int MAX_DICTIONARY = 1 << 16;
    /** A payload longer than this is refused by the writer and treated as corruption by the reader. */
    static final int MAX_PAYLOAD = 16 << 20;

    static final int NULL_ENUM = 0xFF;

    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME_PATTERN = Pattern.compile("(\\d{8}T\\d{9}Z)(?:_\\d+)?\\.tape");

    private TapeFormat() {
    }

    /** The segment name for a segment whose first record is at {@code first} (without a collision suffix). */
    static String segmentName(Instant first, int collision) {
        String base = NAME.format(first);
        return collision == 0 ? base + SUFFIX : base + "_" + collision + SUFFIX;
    }

    /** The start instant encoded in a segment's name, or empty for a file that is not a segment. */
    public static Optional<Instant> segmentStart(String fileName) {
        Matcher m = NAME_PATTERN.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(NAME.parse(m.group(1), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** UTC day number (days since 1970-01-01) of an instant: segments rotate when it changes. */
    static long utcDay(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 86_400L);
    }

    static LocalDate utcDate(Instant t) {
        return LocalDate.ofEpochDay(utcDay(t));
    }
}
