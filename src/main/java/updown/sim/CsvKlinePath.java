package updown.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a 1-minute kline CSV ({@code timestamp,open,high,low,close,volume}, UTC, one row per minute) onto the
 * simulated clock: row i is minute i after the epoch, whatever its own timestamp says. Inside a minute the price walks
 * open → first extreme (second 20) → other extreme (second 40) → close (second 59), straight lines between, so the
 * per-second samples have exactly the row's open, high, low and close. Past the last row the file starts again, scaled
 * so the price continues from where it ended.
 */
final class CsvKlinePath implements PricePath {
    private static final Logger LOG = LoggerFactory.getLogger(CsvKlinePath.class);

    /** One parsed row, prices in cents. */
    record Row(long open, long high, long low, long close, double volume) {
    }

    private final List<Row> rows;
    private final double cycleFactor;
    private final double sigma;
    private final String description;

    CsvKlinePath(List<Row> rows, String source) {
        if (rows.size() < 2) {
            throw new IllegalArgumentException(source + ": need at least 2 kline rows, found " + rows.size());
        }
        this.rows = List.copyOf(rows);
        this.cycleFactor = (double) rows.get(rows.size() - 1).close() / rows.get(0).open();
        this.sigma = estimateSigmaPerSecond(rows);
        this.description = String.format(Locale.ROOT, "CSV replay %s (%d minutes, vol %.3f/yr)", source, rows.size(),
                sigma * Math.sqrt(GbmPath.SECONDS_PER_YEAR));
    }

    /** Reads and parses a CSV file (blocking: call it off the event loop). */
    static CsvKlinePath load(Path file) {
        try {
            return new CsvKlinePath(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()),
                    file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kline CSV " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text; rows that do not parse are skipped with one log line giving their count. */
    static List<Row> parse(String text, String source) {
        List<Row> out = new ArrayList<>();
        int skipped = 0;
        String[] lines = text.split("\r?\n");
        int start = 0;
        if (lines.length > 0 && lines[0].toLowerCase(Locale.ROOT).startsWith("timestamp")) {
            start = 1;
        }
        for (int i = start; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                if (f.length < 6) {
                    throw new NumberFormatException("expected 6 columns, found " + f.length);
                }
                long o = cents(f[1]);
                long h = cents(f[2]);
                long l = cents(f[3]);
                long c = cents(f[4]);
                double v = Double.parseDouble(f[5].strip());
                if (o <= 0 || h <= 0 || l <= 0 || c <= 0 || !(v >= 0)) {
                    throw new NumberFormatException("non-positive price or negative volume");
                }
                // a row whose high/low do not bracket open/close is widened rather than dropped
                out.add(new Row(o, Math.max(h, Math.max(o, c)), Math.min(l, Math.min(o, c)), c, v));
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.warn("{}: skipped {} kline rows that did not parse", source, skipped);
        }
        return out;
    }

    private static long cents(String s) {
        return new BigDecimal(s.strip()).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    private static double estimateSigmaPerSecond(List<Row> rows) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int i = 1; i < rows.size(); i++) {
            double r = Math.log((double) rows.get(i).close() / rows.get(i - 1).close());
            sum += r;
            sumSq += r * r;
            n++;
        }
        double mean = sum / n;
        double var = Math.max(0, sumSq / n - mean * mean);
        return Math.sqrt(var / 60.0);
    }

    int minutes() {
        return rows.size();
    }

    /** The row replayed at minute {@code minute}, scaled for later cycles. */
    Row row(long minute) {
        Row r = rows.get((int) (minute % rows.size()));
        long cycle = minute / rows.size();
        if (cycle == 0) {
            return r;
        }
        double f = Math.pow(cycleFactor, cycle);
        return new Row(Math.round(r.open() * f), Math.round(r.high() * f), Math.round(r.low() * f),
                Math.round(r.close() * f), r.volume());
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
