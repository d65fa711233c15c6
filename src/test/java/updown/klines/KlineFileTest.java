package updown.klines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import updown.domain.Candle;
import updown.domain.Micros;
import updown.testkit.Fixtures;

@DisplayName("KlineFile: the kline files people have, placed by their own times; anything else is one line")
class KlineFileTest {
    private static final Instant T0 = Instant.parse("2023-03-01T00:00:00Z");
    private static final long E0 = T0.getEpochSecond();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    /** Row i's prices: open 23141.57 + i, high +2, low -1, close +0.5, volume 51.30232. */
    private static String ohlcv(int i) {
        return (23141.57 + i) + "," + (23143.57 + i) + "," + (23140.57 + i) + "," + (23142.07 + i) + ",51.30232";
    }

    private static Arguments format(String name, String header, IntFunction<String> line) {
        return Arguments.of(name, header, line);
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                format("header, yyyy-MM-dd HH:mm:ss.ffffff (the project's example file)",
                        "timestamp,open,high,low,close,volume",
                        i -> String.format("2023-03-01 00:%02d:00.000000,%s", i, ohlcv(i))),
                format("no header, yyyy-MM-dd HH:mm:ss", null,
                        i -> String.format("2023-03-01 00:%02d:00,%s", i, ohlcv(i))),
                format("UTC offset +00:00", "time,open,high,low,close,volume",
                        i -> String.format("2023-03-01 00:%02d:00+00:00,%s", i, ohlcv(i))),
                format("ISO-8601 with T and Z", null,
                        i -> String.format("2023-03-01T00:%02d:00Z,%s", i, ohlcv(i))),
                format("ISO-8601 with an offset (+09:00 is 00:00Z)", "datetime,open,high,low,close,volume",
                        i -> String.format("2023-03-01T09:%02d:00+09:00,%s", i, ohlcv(i))),
                format("ISO-8601 with a negative offset and no seconds", null,
                        i -> String.format("2023-02-28T19:%02d-0500,%s", i, ohlcv(i))),
                format("epoch seconds", null, i -> (E0 + 60L * i) + "," + ohlcv(i)),
                format("epoch milliseconds", "ts,open,high,low,close,volume",
                        i -> (E0 + 60L * i) * 1_000 + "," + ohlcv(i)),
                format("epoch microseconds", null, i -> (E0 + 60L * i) * 1_000_000 + "," + ohlcv(i)),
                format("Binance 12 columns, milliseconds, no header", null, i -> ((E0 + 60L * i) * 1_000) + ","
                        + ohlcv(i) + "," + ((E0 + 60L * i) * 1_000 + 59_999) + ",1187128.7385056,1669,24.09716,"
                        + "557571.01148,0"),
                format("Binance 12 columns, microseconds (spot files since 2025)", null,
                        i -> ((E0 + 60L * i) * 1_000_000) + "," + ohlcv(i) + ","
                                + ((E0 + 60L * i) * 1_000_000 + 59_999_999) + ",1187128.7385056,1669,24.09716,"
                                + "557571.01148,0"),
                format("Binance futures files with their header row",
                        "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
                                + "taker_buy_quote_volume,ignore",
                        i -> ((E0 + 60L * i) * 1_000) + "," + ohlcv(i) + ","
                                + ((E0 + 60L * i) * 1_000 + 59_999) + ",1187128.7385056,1669,24.09716,557571.01148,0"),
                format("columns found by name in another order and case (Yahoo-style)",
                        "Date,Close,High,Low,Open,Adj Close,Volume",
                        i -> {
                            String[] p = ohlcv(i).split(",");
                            return String.format("2023-03-01 00:%02d:00,%s,%s,%s,%s,%s,%s", i, p[3], p[1], p[2],
                                    p[0], p[3], p[4]);
                        }),
                format("quoted fields and blanks", "\"timestamp\", \"open\", \"high\", \"low\", \"close\", \"volume\"",
                        i -> {
                            StringBuilder b = new StringBuilder(String.format("\"2023-03-01 00:%02d:00\"", i));
                            for (String p : ohlcv(i).split(",")) {
                                b.append(", \"").append(p).append('"');
                            }
                            return b.toString();
                        }),
                format("no volume column (volume 0)", "timestamp,open,high,low,close",
                        i -> String.format("2023-03-01T00:%02d:00Z,%s", i, ohlcv(i).substring(0,
                                ohlcv(i).lastIndexOf(',')))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    @DisplayName("each accepted format gives the same three candles at 00:00, 00:01 and 00:02 UTC, exact prices")
    void acceptedFormats(String name, String header, IntFunction<String> line) throws IOException {
        StringBuilder text = new StringBuilder();
        if (header != null) {
            text.append(header).append('\n');
        }
        for (int i = 0; i < 3; i++) {
            text.append(line.apply(i)).append('\n');
        }
        Path f = write("k.csv", text.toString());

        KlineSeries s = KlineFile.read(f);

        assertThat(s.report().rows()).isEqualTo(3);
        assertThat(s.report().first()).isEqualTo(T0);
        assertThat(s.report().last()).isEqualTo(T0.plusSeconds(120));
        assertThat(s.report().gaps()).isZero();
        boolean noVolume = name.startsWith("no volume");
        for (int i = 0; i < 3; i++) {
            String[] p = ohlcv(i).split(",");
            Candle c = s.candles().get(i);
            assertThat(c.openTime()).isEqualTo(T0.plusSeconds(60L * i));
            assertThat(c.openMicros()).isEqualTo(Micros.parse(p[0]));
            assertThat(c.highMicros()).isEqualTo(Micros.parse(p[1]));
            assertThat(c.lowMicros()).isEqualTo(Micros.parse(p[2]));
            assertThat(c.closeMicros()).isEqualTo(Micros.parse(p[3]));
            assertThat(c.volumeMicros()).isEqualTo(noVolume ? 0 : 51_302_320L);
            assertThat(c.closed()).isTrue();
        }
    }

    @Test
    @DisplayName("a BOM, CRLF line ends and blank lines change nothing")
    void bomCrlfBlankLines() throws IOException {
        Path f = write("crlf.csv", "\uFEFFtimestamp,open,high,low,close,volume\r\n\r\n2023-03-01 00:00:00,1,2,0.5,1.5,3"
                + "\r\n2023-03-01 00:01:00,1.5,2,1,1.2,4\r\n\r\n");
        KlineSeries s = KlineFile.read(f);
        assertThat(s.candles()).extracting(Candle::closeMicros).containsExactly(1_500_000L, 1_200_000L);
    }

    /** The Binance REST doc example row (same 12 fields as the data.binance.vision files), as CSV rows. */
    private static List<String> binanceRows(long timeFactor) throws IOException {
        JsonNode row = new ObjectMapper().readTree(Fixtures.fixture("binance/rest-klines-doc-example.json")).get(0);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> f = new ArrayList<>();
            for (JsonNode v : row) {
                f.add(v.asText());
            }
            f.set(0, Long.toString((row.get(0).asLong() + 60_000L * i) * timeFactor));
            f.set(6, Long.toString((row.get(0).asLong() + 60_000L * i + 59_999) * timeFactor));
            out.add(String.join(",", f));
        }
        return out;
    }

    @Test
    @DisplayName("Binance's documented row as a file: milliseconds and microseconds give the same exact candles")
    void binanceDocumentedRow() throws IOException {
        KlineSeries ms = KlineFile.read(write("ms.csv", String.join("\n", binanceRows(1)) + "\n"));
        KlineSeries us = KlineFile.read(write("us.csv", String.join("\n", binanceRows(1_000)) + "\n"));
        assertThat(us.candles()).isEqualTo(ms.candles());
        Candle c = ms.candles().get(0);
        assertThat(c.openTime()).isEqualTo(Instant.ofEpochMilli(1499040000000L));
        assertThat(c.openMicros()).isEqualTo(16_348L);   // 0.01634790, half-even to micro-units
        assertThat(c.highMicros()).isEqualTo(800_000L);
        assertThat(c.lowMicros()).isEqualTo(15_758L);
        assertThat(c.closeMicros()).isEqualTo(15_771L);
        assertThat(c.volumeMicros()).isEqualTo(148_976_114_278L);
        assertThat(ms.report().last()).isEqualTo(Instant.ofEpochMilli(1499040000000L + 120_000));
    }

    @Test
    @DisplayName("decimals beyond micro-units round half-even, like Micros.parse, on the fast path")
    void decimalsMatchMicrosParse() {
        for (String d : List.of("1.0000005", "1.0000015", "1.00000051", "0.01634790", "46319.0", "12", ".5", "7.",
                "148976.11427815", "999999999999.999999", "1e3", "2.5E-1", "+3.25", "-4.2", "0.0000004999")) {
            assertThat(KlineFields.micros(d, 0, d.length())).as(d).isEqualTo(Micros.parse(d));
        }
        for (String bad : List.of("", ".", "-", "abc", "1.2.3", "1,5", "NaN")) {
            assertThat(KlineFields.micros(bad, 0, bad.length())).as(bad).isEqualTo(KlineFields.BAD);
        }
    }

    @Test
    @DisplayName("epoch numbers are read by magnitude: seconds < 1e11 <= milliseconds < 1e14 <= microseconds < 1e17")
    void epochMagnitudes() {
        assertThat(micros("99999999999")).isEqualTo(99_999_999_999L * 1_000_000);           // year 5138 in s
        assertThat(micros("100000000000")).isEqualTo(100_000_000_000L * 1_000);            // 1973-03-03 in ms
        assertThat(micros("99999999999999")).isEqualTo(99_999_999_999_999L * 1_000);       // year 5138 in ms
        assertThat(micros("100000000000000")).isEqualTo(100_000_000_000_000L);             // 1973 in µs
        assertThat(micros("1677628800000000000")).isEqualTo(1_677_628_800_000_000L);       // nanoseconds
        assertThat(micros("99999999999999999999")).isEqualTo(KlineFields.BAD);
        assertThat(micros("2023-02-29 00:00:00")).isEqualTo(KlineFields.BAD);
        assertThat(micros("2023-03-01 24:00:00")).isEqualTo(KlineFields.BAD);
        assertThat(micros("2023-03-01 00:00:00+1")).isEqualTo(KlineFields.BAD);
        assertThat(micros("2023-03-01 00:00:00.1234567891")).isEqualTo(KlineFields.BAD);
    }

    private static long micros(String t) {
        return KlineFields.epochMicros(t, 0, t.length());
    }

    private static String rows(int... minutes) {
        StringBuilder b = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int m : minutes) {
            b.append(T0.plusSeconds(60L * m)).append(",100,101,99,100.5,1\n");
        }
        return b.toString();
    }

    @Test
    @DisplayName("a gap: rows stay at their own minutes; the report counts gaps, missing minutes and the longest")
    void gapsReported() throws IOException {
        KlineSeries s = KlineFile.read(write("gap.csv", rows(0, 1, 5, 6, 7, 9)));
        KlineReport r = s.report();
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.gaps()).isEqualTo(2);
        assertThat(r.missingMinutes()).isEqualTo(4);
        assertThat(r.longestGapMinutes()).isEqualTo(3);
        assertThat(r.longestGapAfter()).isEqualTo(T0.plusSeconds(60));
        assertThat(r.spanMinutes()).isEqualTo(10);
        assertThat(s.minuteOf(2)).isEqualTo(5);
        assertThat(s.candles().get(5).openTime()).isEqualTo(T0.plusSeconds(540));
        assertThat(r.describe()).contains("6 one-minute rows", "2 gap(s) with 4 minute(s) missing",
                "longest 3 min, after 2023-03-01T00:01:00Z", "no market is listed for a window that touches one");
        assertThat(r.toJson()).containsEntry("gaps", 2).containsEntry("missing_minutes", 4L)
                .containsEntry("longest_gap_minutes", 3L).containsEntry("longest_gap_after", "2023-03-01T00:01:00Z");
    }

    static Stream<Arguments> refused() {
        String h = "timestamp,open,high,low,close,volume\n";
        return Stream.of(
                Arguments.of("a duplicate row", rows(0, 1, 2, 2, 3), 5, "duplicate row: 2023-03-01T00:02:00Z is also "
                        + "the time of line 4"),
                Arguments.of("an out-of-order row", rows(0, 1, 3, 2, 4), 5, "out of order: 2023-03-01T00:02:00Z "
                        + "comes before line 4's 2023-03-01T00:03:00Z"),
                Arguments.of("rows 30 s apart", h + "2023-03-01 00:00:00,1,1,1,1,1\n2023-03-01 00:00:30,1,1,1,1,1\n",
                        3, "is 30.000 s after line 2; rows must be whole minutes apart"),
                Arguments.of("5-minute klines", rows(0, 5, 10, 15, 20), 3, "rows are mostly 5 minutes apart"),
                Arguments.of("a line that is not a kline", h + "2023-03-01 00:00:00,1,1,1,1,1\nhello world\n", 3,
                        "'hello world' is not a time"),
                Arguments.of("a price that is not a number", h + "2023-03-01 00:00:00,abc,1,1,1,1\n", 2,
                        "open 'abc' is not a positive price"),
                Arguments.of("a negative price", h + "2023-03-01 00:00:00,1,1,-1,1,1\n", 2,
                        "low '-1' is not a positive price"),
                Arguments.of("a negative volume", h + "2023-03-01 00:00:00,1,1,1,1,-1\n", 2,
                        "volume '-1' is not a number >= 0"),
                Arguments.of("too few columns", h + "2023-03-01 00:00:00,1,1,1\n", 2,
                        "4 column(s), expected at least 5"),
                Arguments.of("an impossible date", "2023-02-30 00:00:00,1,1,1,1,1\n", 1,
                        "'2023-02-30 00:00:00' is neither a time nor the start of a header row"),
                Arguments.of("a header without close", "time,open,high,low,volume\n", 1,
                        "the header has no column close"),
                Arguments.of("a single row", h + "2023-03-01 00:00:00,1,1,1,1,1\n", 0,
                        "only one kline row, need at least 2"),
                Arguments.of("an empty file", "", 0, "no kline rows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    @DisplayName("anything else is refused with one line naming the file and the line")
    void refusedWithOneLine(String name, String text, int line, String problem) throws IOException {
        Path f = write("bad.csv", text);
        assertThatThrownBy(() -> KlineFile.read(f))
                .isInstanceOf(KlineFileException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    String m = e.getMessage();
                    assertThat(m).doesNotContain("\n").startsWith(f + (line > 0 ? " line " + line + ": " : ": "))
                            .contains(problem);
                    assertThat(((KlineFileException) e).line()).isEqualTo(line);
                    if (!name.contains("duplicate") && !name.contains("out-of-order")) {
                        assertThat(m).contains(KlineFile.FORMATS);
                    }
                });
    }

    @Test
    @DisplayName("the project's 45k-row example file: every row, no gap, first and last as in the file")
    void exampleFile() throws IOException {
        KlineSeries s = KlineFile.read(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"));
        assertThat(s.report().rows()).isEqualTo(45_031);
        assertThat(s.report().gaps()).isZero();
        assertThat(s.report().first()).isEqualTo(Instant.parse("2021-12-31T23:01:00Z"));
        assertThat(s.report().last()).isEqualTo(Instant.parse("2022-02-01T05:31:00Z"));
        assertThat(s.candles().get(0).closeMicros()).isEqualTo(46_377_000_000L);
        assertThat(s.candles().get(0).volumeMicros()).isEqualTo(2_300_413_729_500L);
    }
}
