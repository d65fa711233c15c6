package updown.klines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import updown.domain.Candle;

/**
 * Reads a one-minute kline file as people have them: the project's own CSV, exports with a header, Binance's
 * 12-column files from data.binance.vision. Pure (no Vert.x); blocking when it reads a file.
 *
 * <p>Accepted:
 * <ul>
 *   <li>comma-separated text (UTF-8, an optional BOM, LF or CRLF), fields optionally in double quotes;</li>
 *   <li>a header row or none. With a header, columns are found by name: the time in {@code timestamp}, {@code time},
 *       {@code date}, {@code datetime}, {@code open_time} or {@code ts} (else the first column), and {@code open},
 *       {@code high}, {@code low}, {@code close}, optionally {@code volume}. Without one, the columns are time, open,
 *       high, low, close and optionally volume, anything after is ignored: this is also the layout of Binance's
 *       12-column files (open_time, open, high, low, close, volume, close_time, quote_volume, count,
 *       taker_buy_base, taker_buy_quote, ignore);</li>
 *   <li>times as {@code yyyy-MM-dd HH:mm[:ss[.f…]]} (UTC) or ISO-8601 with {@code T}, with {@code Z} or an offset
 *       ({@code +09:00}, {@code +0900}, {@code +09}); or epoch numbers, told apart by magnitude: below 10^11
 *       seconds, below 10^14 milliseconds, below 10^17 microseconds (Binance spot files since 2025), else
 *       nanoseconds, which reads any date from 1973 to 5138 right;</li>
 *   <li>prices and volume as decimals (prices positive, volume not negative), kept exact in micro-units.</li>
 * </ul>
 * Rows are placed by their own time, never by their row number. They must be strictly increasing and a whole number
 * of minutes apart; missing minutes are gaps, counted in the {@link KlineReport}. A repeated or earlier time, a step
 * that is not whole minutes, a file whose rows are mostly more than a minute apart (5-minute or hourly klines: not
 * resampled), or anything that does not parse refuses the file with one {@link KlineFileException} line.
 */
public final class KlineFile {
    /** What the error line says is accepted. */
    public static final String FORMATS = "accepted: comma-separated rows time,open,high,low,close[,volume,...] "
            + "(Binance's 12-column files as they are), header row optional; time as yyyy-MM-dd HH:mm:ss[.f] (UTC), "
            + "ISO-8601 with T and Z or an offset, or epoch seconds/milliseconds/microseconds; one row per minute";

    private static final Set<String> TIME_NAMES = Set.of("timestamp", "time", "date", "datetime", "date_time",
            "open_time", "opentime", "open time", "ts");
    private static final long MINUTE_MICROS = 60_000_000L;

    private KlineFile() {
    }

    /** Reads and checks a kline file. Blocking. */
    public static KlineSeries read(Path file) throws IOException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
    }

    /** Parses kline text; {@code source} names it in the report and in errors. */
    public static KlineSeries parse(String text, String source) {
        return new Parser(text, source).run();
    }

    /** Where each field is in a row; -1 = no such column. */
    private record Columns(int time, int open, int high, int low, int close, int volume) {
        static final Columns POSITIONAL = new Columns(0, 1, 2, 3, 4, 5);

        int required() {
            return Math.max(Math.max(time, open), Math.max(Math.max(high, low), close)) + 1;
        }
    }

    /** One pass over the text. */
    private static final class Parser {
        private final String text;
        private final String source;
        private int[] starts = new int[16];
        private int[] ends = new int[16];
        private int fields;

        private Columns columns;
        private final List<Candle> candles;
        private long prevMicros;
        private int prevLine;
        private int oneMinuteSteps;
        private int gaps;
        private long missing;
        private long longest;
        private long longestAfterMicros;
        /** Steps longer than a minute: length in minutes → {count, first line}. */
        private final Map<Long, int[]> longSteps = new HashMap<>();

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
            this.candles = new ArrayList<>(Math.max(16, text.length() / 48));
        }

        KlineSeries run() {
            int n = text.length();
            int pos = n > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
            int line = 0;
            while (pos < n) {
                int eol = text.indexOf('\n', pos);
                if (eol < 0) {
                    eol = n;
                }
                line++;
                split(pos, eol);
                if (fields > 1 || starts[0] < ends[0]) {
                    if (columns == null) {
                        columns = header(line);
                        if (columns != null) {
                            pos = eol + 1;
                            continue;
                        }
                        columns = Columns.POSITIONAL;
                    }
                    row(line);
                }
                pos = eol + 1;
            }
            return finish();
        }

        /** Field bounds of [from, to), trimmed of blanks and one pair of double quotes. */
        private void split(int from, int to) {
            fields = 0;
            int s = from;
            for (int i = from; i <= to; i++) {
                if (i == to || text.charAt(i) == ',') {
                    if (fields == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, fields * 2);
                        ends = java.util.Arrays.copyOf(ends, fields * 2);
                    }
                    int a = s;
                    int b = i;
                    while (a < b && text.charAt(a) <= ' ') {
                        a++;
                    }
                    while (b > a && text.charAt(b - 1) <= ' ') {
                        b--;
                    }
                    if (b - a >= 2 && text.charAt(a) == '"' && text.charAt(b - 1) == '"') {
                        a++;
                        b--;
                    }
                    starts[fields] = a;
                    ends[fields] = b;
                    fields++;
                    s = i + 1;
                }
            }
        }

        private String field(int i) {
            return text.substring(starts[i], ends[i]);
        }

        /** The columns named by a header on the first line, or null when it is a data row. */
        private Columns header(int line) {
            if (KlineFields.epochMicros(text, starts[0], ends[0]) != KlineFields.BAD) {
                return null;
            }
            Map<String, Integer> named = new HashMap<>();
            for (int i = 0; i < fields; i++) {
                named.putIfAbsent(field(i).toLowerCase(Locale.ROOT), i);
            }
            int time = 0;
            for (int i = 0; i < fields; i++) {
                if (TIME_NAMES.contains(field(i).toLowerCase(Locale.ROOT))) {
                    time = i;
                    break;
                }
            }
            int open = named.getOrDefault("open", -1);
            int high = named.getOrDefault("high", -1);
            int low = named.getOrDefault("low", -1);
            int close = named.getOrDefault("close", -1);
            if (open < 0 && high < 0 && low < 0 && close < 0) {
                throw fail(line, "'" + field(0) + "' is neither a time nor the start of a header row; " + FORMATS);
            }
            List<String> lacking = new ArrayList<>();
            for (String c : List.of("open", "high", "low", "close")) {
                if (!named.containsKey(c)) {
                    lacking.add(c);
                }
            }
            if (!lacking.isEmpty()) {
                throw fail(line, "the header has no column " + String.join(", ", lacking) + "; " + FORMATS);
            }
            return new Columns(time, open, high, low, close, named.getOrDefault("volume", -1));
        }

        private void row(int line) {
            Columns c = columns;
            long t = c.time() < fields ? KlineFields.epochMicros(text, starts[c.time()], ends[c.time()])
                    : KlineFields.BAD;
            if (t == KlineFields.BAD && c.time() < fields) {
                throw fail(line, "'" + field(c.time()) + "' is not a time; " + FORMATS);
            }
            if (fields < c.required()) {
                throw fail(line, fields + " column(s), expected at least " + c.required() + "; " + FORMATS);
            }
            long open = price(line, c.open(), "open");
            long high = price(line, c.high(), "high");
            long low = price(line, c.low(), "low");
            long close = price(line, c.close(), "close");
            long volume = 0;
            if (c.volume() >= 0 && c.volume() < fields) {
                volume = KlineFields.micros(text, starts[c.volume()], ends[c.volume()]);
                if (volume == KlineFields.BAD || volume < 0) {
                    throw fail(line, "volume '" + field(c.volume()) + "' is not a number >= 0; " + FORMATS);
                }
            }
            if (!candles.isEmpty()) {
                step(line, t);
            }
            prevMicros = t;
            prevLine = line;
            candles.add(new Candle(Instant.ofEpochSecond(Math.floorDiv(t, MINUTE_MICROS) * 60), open, high, low,
                    close, volume, true));
        }

        private long price(int line, int column, String name) {
            long v = KlineFields.micros(text, starts[column], ends[column]);
            if (v == KlineFields.BAD || v <= 0) {
                throw fail(line, name + " '" + field(column) + "' is not a positive price; " + FORMATS);
            }
            return v;
        }

        private void step(int line, long t) {
            long d = t - prevMicros;
            if (d == 0) {
                throw fail(line, "duplicate row: " + time(t) + " is also the time of line " + prevLine);
            }
            if (d < 0) {
                throw fail(line, "out of order: " + time(t) + " comes before line " + prevLine + "'s "
                        + time(prevMicros) + " (rows must be in time order)");
            }
            if (d % MINUTE_MICROS != 0) {
                throw fail(line, String.format(Locale.ROOT, "%s is %.3f s after line %d; rows must be whole "
                        + "minutes apart (only 1-minute klines are read); %s", time(t), d / 1e6, prevLine, FORMATS));
            }
            long minutes = d / MINUTE_MICROS;
            if (minutes == 1) {
                oneMinuteSteps++;
                return;
            }
            gaps++;
            missing += minutes - 1;
            if (minutes - 1 > longest) {
                longest = minutes - 1;
                longestAfterMicros = prevMicros;
            }
            longSteps.computeIfAbsent(minutes, k -> new int[] {0, line})[0]++;
        }

        private KlineSeries finish() {
            if (candles.size() < 2) {
                throw fail(0, (candles.isEmpty() ? "no kline rows" : "only one kline row")
                        + ", need at least 2; " + FORMATS);
            }
            for (Map.Entry<Long, int[]> e : longSteps.entrySet()) {
                if (e.getValue()[0] > oneMinuteSteps) {
                    throw fail(e.getValue()[1], String.format(Locale.ROOT, "rows are mostly %d minutes apart "
                            + "(%d steps of %d min, %d of 1 min): only 1-minute klines are read, resample first; %s",
                            e.getKey(), e.getValue()[0], e.getKey(), oneMinuteSteps, FORMATS));
                }
            }
            KlineReport report = new KlineReport(source, candles.size(), candles.get(0).openTime(),
                    candles.get(candles.size() - 1).openTime(), gaps, missing, longest,
                    gaps == 0 ? null : Instant.ofEpochSecond(Math.floorDiv(longestAfterMicros, MINUTE_MICROS) * 60));
            return new KlineSeries(candles, report);
        }

        private static String time(long micros) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                    .toString();
        }

        private KlineFileException fail(int line, String problem) {
            return new KlineFileException(source, line, problem);
        }
    }
}
