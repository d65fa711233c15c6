package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import updown.testkit.Fixtures;
import updown.app.ExitCodes;

@DisplayName("sweep command: parallel grid with walk-forward on the kline CSV, progress on stderr, CSV written")
class SweepCommandTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(false, args);
    }

    private int run(boolean onTerminal, String... args) {
        SweepCommand cmd = new SweepCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work, Map.of()));
        cmd.interactive = onTerminal;
        CommandLine cl = new CommandLine(cmd);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    @DisplayName("2 valid variants (1 invalid skipped) × 3 segments of one hour each")
    void sweepOnKlines() throws Exception {
        String csv = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv").toAbsolutePath().toString();
        Path dir = work.resolve("sweep");
        int code = run("--klines", csv, "--from", "2022-01-01T03:00:00Z", "--to", "2022-01-01T06:00:00Z",
                "--grid", "EMA_FAST=3,5", "--grid", "EMA_SLOW=4", "--set", "ENSEMBLE_MIN_VOTES=1", "--folds", "2",
                "--threads", "2", "--out", dir.toString(), "--json");
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isZero();
        assertThat(stderr).contains("skipped variant 2 {EMA_FAST=5, EMA_SLOW=4}")
                .as("no progress bar with --json").doesNotContain("backtests, ");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("variants").asInt()).isEqualTo(1);
        assertThat(summary.get("runs").asInt()).isEqualTo(3);
        long events = summary.get("events").asLong();
        assertThat(events).as("at least a book event per 5 s tick of the 3 hours").isGreaterThanOrEqualTo(3 * 3600 / 5);
        assertThat(lines).as("the summary line counts the same events")
                .anyMatch(l -> l.startsWith("3 backtests in ") && l.contains(String.format(java.util.Locale.ROOT,
                        ": %,d events, ", events)));
        assertThat(summary.get("events_per_second").asLong()).isPositive();
        List<String> results = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(results).hasSize(2);
        assertThat(results.get(1)).startsWith("1,1,3,4,");
        assertThat(Files.readAllLines(dir.resolve("folds.csv"))).hasSize(3);
    }

    @Test
    @DisplayName("on a terminal without --json, a progress bar counts the backtests with elapsed time and ETA")
    void progressBarOnATerminal() {
        String csv = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv").toAbsolutePath().toString();
        int code = run(true, "--klines", csv, "--from", "2022-01-01T03:00:00Z", "--to", "2022-01-01T04:30:00Z",
                "--grid", "EMA_FAST=3", "--folds", "2", "--out", work.resolve("bar").toString());
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isZero();
        assertThat(stderr).contains("\r[").contains("3/3 backtests").contains("s elapsed, ~");
    }

    @Test
    @DisplayName("an unknown grid name is refused before anything runs")
    void unknownName() {
        assertThat(run("--tape", work.toString(), "--grid", "EMA_FAST=3", "--grid", "NOPE=1,2"))
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("NOPE");
    }
}
