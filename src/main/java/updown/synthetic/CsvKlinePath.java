package updown.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import updown.domain.Candle;
import updown.domain.Micros;
import updown.klines.KlineFile;
import updown.klines.KlineSeries;

/**
 * Replays a 1-minute kline file (read by {@link KlineFile}: see there for the formats) onto the simulated clock: each
 * row at its own minute after the first row's, which is minute 0 of the path. Inside a minute the price walks
 * open → first extreme (second 20) → other extreme (second 40) → close (second 59), straight lines between, so the
 * per-second samples have exactly the row's open, high, low and close. A minute missing from the file (a gap) has no
 * kline ({@link #hasMinute} is false) and holds the last close before it, so nothing moves on data that does not
 * exist. Past the last row the file starts again, scaled so the price continues from where it ended.
 */
final class CsvKlinePath implements PricePath {

    /** One row, prices in cents. */
    record Row(long open, long high, long low, long close, double volume) {
    }

    private final List<Row> rows;
    /** Minute of each row after the first row's, ascending; null when the rows are consecutive (no gap). */
    private final long[] minuteOf;
    /** Minutes from the first row's open to the end of the last row's minute: the length of one replay cycle. */
    private final long span;
    private final double cycleFactor;
    private final double sigma;
    private final String description;

    /** Consecutive rows, row i at minute i. */
    CsvKlinePath(List<Row> rows, String source) {
        this(rows, null, source);
    }

    private CsvKlinePath(List<Row> rows, long[] minuteOf, String source) {
        if (rows.size() < 2) {
            throw new IllegalArgumentException(source + ": need at least 2 kline rows, found " + rows.size());
        }
        this.rows = List.copyOf(rows);
        this.minuteOf = minuteOf;
        this.span = minuteOf == null ? rows.size() : minuteOf[minuteOf.length - 1] + 1;
        this.cycleFactor = (double) rows.get(rows.size() - 1).close() / rows.get(0).open();
        this.sigma = estimateSigmaPerSecond(this.rows, minuteOf);
        this.description = String.format(Locale.ROOT, "CSV replay %s (%d minutes%s, vol %.3f/yr)", source, span,
                minuteOf == null ? "" : ", " + (span - rows.size()) + " missing",
                sigma * Math.sqrt(GbmPath.SECONDS_PER_YEAR));
    }

    /** Reads a kline file (blocking: call it off the event loop). */
    static CsvKlinePath load(Path file) {
        try {
            return of(KlineFile.read(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kline file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The path of parsed klines; a row whose high/low do not bracket its open/close is widened. */
    static CsvKlinePath of(KlineSeries series, String source) {
        List<Candle> candles = series.candles();
        List<Row> rows = new ArrayList<>(candles.size());
        for (Candle c : candles) {
            long o = microsToCents(c.openMicros());
            long cl = microsToCents(c.closeMicros());
            rows.add(new Row(o, Math.max(microsToCents(c.highMicros()), Math.max(o, cl)),
                    Math.min(microsToCents(c.lowMicros()), Math.min(o, cl)), cl, Micros.toDouble(c.volumeMicros())));
        }
        long[] minutes = null;
        if (series.hasGaps()) {
            minutes = new long[candles.size()];
            for (int i = 0; i < minutes.length; i++) {
                minutes[i] = series.minuteOf(i);
            }
        }
        return new CsvKlinePath(rows, minutes, source);
    }

    /** Micro-dollars to cents, half-even (prices are positive). */
    private static long microsToCents(long micros) {
        long c = micros / 10_000;
        long r = micros % 10_000;
        return r > 5_000 || (r == 5_000 && (c & 1) == 1) ? c + 1 : c;
    }

    /** From the log returns between rows of consecutive minutes (none across a gap). */
    private static double estimateSigmaPerSecond(List<Row> rows, long[] minuteOf) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (minuteOf != null && minuteOf[i] != minuteOf[i - 1] + 1) {
                continue;
            }
            double r = Math.log((double) rows.get(i).close() / rows.get(i - 1).close());
            sum += r;
            sumSq += r * r;
            n++;
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        double var = Math.max(0, sumSq / n - mean * mean);
        return Math.sqrt(var / 60.0);
    }

    /** Minutes in one replay cycle: from the first row's open to the end of the last row's minute. */
    int minutes() {
        return (int) span;
    }

    @Override
    public boolean hasMinute(long minute) {
        return minuteOf == null || Arrays.binarySearch(minuteOf, minute % span) >= 0;
    }

    @Override
    public boolean hasGaps() {
        return minuteOf != null;
    }

    /** A minute and its row. Immutable: {@link #lastRow} may be read and replaced by several threads at once. */
    private record MinuteRow(long minute, Row row) {
    }

    /**
     * The row asked for last: a replay asks for the same minute at every tick and second within it. A plain field: a
     * thread sees its own or another thread's whole pair (final fields) and at worst makes a row again.
     */
    private MinuteRow lastRow = new MinuteRow(Long.MIN_VALUE, null);

    /** The row replayed at minute {@code minute} (the last one before it in a gap), scaled for later cycles. */
    Row row(long minute) {
        MinuteRow last = lastRow;
        if (last.minute() == minute) {
            return last.row();
        }
        Row r = rowOf(minute);
        lastRow = new MinuteRow(minute, r);
        return r;
    }

    private Row rowOf(long minute) {
        long m = minute % span;
        int i = minuteOf == null ? (int) m : Arrays.binarySearch(minuteOf, m);
        Row r;
        if (i >= 0) {
            r = rows.get(i);
        } else {
            // a missing minute: the close of the row before the gap (-i - 1 is the row after it), flat, no volume
            long last = rows.get(-i - 2).close();
            r = new Row(last, last, last, last, 0);
        }
        // scaled in every cycle, the first one too (x^0 is exactly 1, and cents times 1.0 round to themselves): no
        // branch on the cycle, which a compiled replay would only meet, and be thrown out of, at its data's end
        double f = Math.pow(cycleFactor, minute / span);
        return new Row(Math.round(r.open() * f), Math.round(r.high() * f), Math.round(r.low() * f),
                Math.round(r.close() * f), r.volume());
    }

    /** {@link #cents} moves in straight lines between seconds 0, 20, 40 and 59 of each minute. */
    private static final int[] BENDS = {20, 40};

    @Override
    public int[] monotoneBetween() {
        return BENDS.clone();
    }

    @Override
    public long cents(long second) {
        if (second < 0) {
            throw new IllegalArgumentException("second before the epoch: " + second);
        }
        Row r = row(second / 60);
        int j = (int) (second % 60);
        boolean upCandle = r.close() >= r.open();
        long first = upCandle ? r.low() : r.high();
        long other = upCandle ? r.high() : r.low();
        if (j <= 20) {
            return lerp(r.open(), first, j, 20);
        }
        if (j <= 40) {
            return lerp(first, other, j - 20, 20);
        }
        return lerp(other, r.close(), j - 40, 19);
    }

    private static long lerp(long a, long b, int k, int n) {
        return a + Math.round((b - a) * (double) k / n);
    }

    @Override
    public double minuteVolume(long minute) {
        return row(minute).volume();
    }

    @Override
    public double sigmaPerSecond() {
        return sigma;
    }

    @Override
    public String describe() {
        return description;
    }
}
