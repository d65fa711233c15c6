package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import updown.klines.KlineFile;
import updown.testkit.Fixtures;
import updown.app.ExitCodes;

@DisplayName("--klines FILE in backtest, sweep and simulate: one reader, gaps reported, a bad file is one line")
class KlinesOptionTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Function<Invocation, Callable<Integer>> command, String... args) {
        Invocation at = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work,
                Map.of("DATA_DIR", work.resolve("data").toString()));
        CommandLine cl = new CommandLine(command.apply(at));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> commands() {
        Function<Invocation, Callable<Integer>> backtest = BacktestCommand::new;
        Function<Invocation, Callable<Integer>> sweep = SweepCommand::new;
        Function<Invocation, Callable<Integer>> simulate = SimulateCommand::new;
        return Stream.of(Arguments.of("backtest", backtest, List.of()),
                Arguments.of("sweep", sweep, List.of("--grid", "BET_SIZE=5,10")),
                Arguments.of("simulate", simulate, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    @DisplayName("a file that is not klines: exit 2 and exactly one line naming the file, the line and the formats")
    void badFileIsOneLine(String name, Function<Invocation, Callable<Integer>> command, List<String> more)
            throws IOException {
        Path bad = work.resolve("bad.csv");
        Files.writeString(bad, "timestamp,open,high,low,close,volume\n2023-03-01 00:00:00,1,2,0.5,1.5,3\n"
                + "01/03/2023 00:01,1.5,2,1,1.2,4\n");
        String[] args = Stream.concat(Stream.of("--klines", bad.toString()), more.stream()).toArray(String[]::new);

        int code = run(command, args);

        assertThat(code).isEqualTo(ExitCodes.CONFIG);
        assertThat(stderr().strip().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith(bad + " line 3: '01/03/2023 00:01' is not a time; ")
                .endsWith(KlineFile.FORMATS));
        assertThat(stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    @DisplayName("backtest over a file with a 30-minute hole: the gap is on stderr and in the JSON, no trade in it "
            + "(the same hours without the hole do trade there)")
    void backtestReportsAndSkipsTheGap() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"));
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        StringBuilder whole = new StringBuilder(lines.get(0)).append('\n');
        for (String l : lines.subList(1, 481)) {
            whole.append(l).append('\n');
            if (!l.startsWith("2022-01-01 04:0") && !l.startsWith("2022-01-01 04:1")
                    && !l.startsWith("2022-01-01 04:2")) {
                b.append(l).append('\n');
            }
        }
        Path csv = work.resolve("holed.csv");
        Files.writeString(csv, b.toString());
        Path report = work.resolve("report");

        int code = run(BacktestCommand::new, "--klines", csv.toString(), "--from", "2022-01-01T03:00:00Z", "--to",
                "2022-01-01T06:00:00Z", "--json", "--out", report.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stderr()).contains("1 gap(s) with 30 minute(s) missing (longest 30 min, after "
                + "2022-01-01T03:59:00Z)");
        List<String> stdout = out.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode json = new ObjectMapper().readTree(stdout.get(stdout.size() - 1));
        assertThat(json.get("klines").get("gaps").asInt()).isEqualTo(1);
        assertThat(json.get("klines").get("missing_minutes").asInt()).isEqualTo(30);
        assertThat(json.get("klines").get("rows").asInt()).isEqualTo(450);
        assertThat(json.get("trades").asInt()).isPositive();
        // windows 03:55 to 04:25 touch the hole (their minutes, or the minute of their end price, are missing)
        long from = Instant.parse("2022-01-01T03:55:00Z").getEpochSecond();
        long to = Instant.parse("2022-01-01T04:25:00Z").getEpochSecond();
        assertThat(windowStarts(report)).isNotEmpty().noneMatch(s -> s >= from && s <= to);

        Path control = work.resolve("whole.csv");
        Files.writeString(control, whole.toString());
        assertThat(run(BacktestCommand::new, "--klines", control.toString(), "--from", "2022-01-01T03:00:00Z",
                "--to", "2022-01-01T06:00:00Z", "--out", work.resolve("control").toString())).isZero();
        assertThat(windowStarts(work.resolve("control"))).anyMatch(s -> s >= from && s <= to);
    }

    /** Window start (Unix s) of every trade in a report's trades.csv (from the slug btc-updown-5m-T). */
    private static List<Long> windowStarts(Path report) throws IOException {
        List<String> trades = Files.readAllLines(report.resolve("trades.csv"));
        int slug = List.of(trades.get(0).split(",")).indexOf("slug");
        return trades.subList(1, trades.size()).stream()
                .map(t -> Long.parseLong(t.split(",")[slug].substring("btc-updown-5m-".length()))).toList();
    }
}
