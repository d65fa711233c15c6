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
import updown.backtest.CanonicalLedger;
import updown.testkit.Fixtures;
import updown.app.ExitCodes;

@DisplayName("backtest command: summary, JSON last line with the ledger hash, report files, setting errors")
class BacktestCommandTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private java.time.Duration progressEvery = java.time.Duration.ofSeconds(1);
    private boolean interactive;

    private int run(String... args) {
        BacktestCommand cmd = new BacktestCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work, Map.of("DATA_DIR", work.resolve("data")
                .toString())));
        cmd.progressEvery = progressEvery;
        cmd.interactive = interactive;
        CommandLine cl = new CommandLine(cmd);
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("--klines over three hours: exit 0, the last stdout line is the JSON summary, files written")
    void klinesWithJson() throws Exception {
        String csv = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv").toAbsolutePath().toString();
        Path report = work.resolve("report");
        int code = run("--klines", csv, "--from", "2022-01-01T03:00:00Z", "--to", "2022-01-01T06:00", "--set",
                "BET_SIZE=12", "--json", "--out", report.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = stdout().lines().toList();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("from").asText()).isEqualTo("2022-01-01T03:00:00Z");
        assertThat(summary.get("trades").asInt()).isPositive();
        String ledger = Files.readString(report.resolve("ledger.tsv"));
        assertThat(summary.get("ledger_sha256").asText()).isEqualTo(CanonicalLedger.sha256(ledger));
        assertThat(stdout()).contains("Ledger SHA-256 " + CanonicalLedger.sha256(ledger));
        assertThat(ledger).contains("\t12000000\t"); // BET_SIZE=12 reached the trades
        for (String f : List.of("summary.txt", "summary.json", "trades.csv", "trades.json", "equity.png")) {
            assertThat(report.resolve(f)).isNotEmptyFile();
        }
        byte[] png = Files.readAllBytes(report.resolve("equity.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readAllLines(report.resolve("trades.csv"))).hasSize(summary.get("trades").asInt() + 1);
    }

    @Test
    @DisplayName("a long run on a terminal draws a progress line with time left on stderr; with --json none is drawn")
    void progressLine() {
        interactive = true;
        progressEvery = java.time.Duration.ZERO; // every run counts as long: the line is drawn at every report
        String csv = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv").toAbsolutePath().toString();
        String[] window = {"--klines", csv, "--from", "2022-01-01T03:00:00Z", "--to", "2022-01-01T12:00"};
        assertThat(run(concat(window, "--out", work.resolve("a").toString()))).isZero();
        String plain = err.toString(StandardCharsets.UTF_8);
        assertThat(plain).contains("% replayed to 2022-01-01T").contains("s left");
        String summaryA = stdout();
        err.reset();
        out.reset();
        assertThat(run(concat(window, "--json", "--out", work.resolve("b").toString()))).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("replayed to").doesNotContain("\r");
        assertThat(stdout()).startsWith(summaryA.lines().findFirst().orElseThrow());
    }

    @Test
    @DisplayName("without a terminal (output to a file or a pipe) no progress line is drawn, however long the run")
    void noProgressWithoutTerminal() {
        progressEvery = java.time.Duration.ZERO;
        String csv = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv").toAbsolutePath().toString();
        assertThat(run("--klines", csv, "--from", "2022-01-01T03:00:00Z", "--to", "2022-01-01T12:00", "--out",
                work.resolve("c").toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("replayed to").doesNotContain("\r");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    @DisplayName("an unknown or invalid --set and a missing tape are configuration errors (exit 2), nothing written")
    void badInput() {
        assertThat(run("--tape", work.toString(), "--set", "NOT_A_SETTING=1")).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("NOT_A_SETTING");
        assertThat(run("--tape", work.toString(), "--set", "EMA_FAST=9", "--set", "EMA_SLOW=3"))
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("EMA_FAST=9");
        assertThat(run("--tape", work.resolve("nothing-here").toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no tape segments");
        assertThat(work.resolve("data")).doesNotExist();
    }

    /** The first {@code rows} rows of the BTC sample, prices divided by {@code divisor} (a second asset's file). */
    private Path scaledCopy(String name, int rows, double divisor) throws Exception {
        List<String> in = Files.readAllLines(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"));
        List<String> out = new java.util.ArrayList<>(List.of(in.get(0)));
        for (String line : in.subList(1, rows + 1)) {
            String[] c = line.split(",");
            StringBuilder b = new StringBuilder(c[0]);
            for (int i = 1; i <= 4; i++) {
                b.append(',').append(String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(c[i]) / divisor));
            }
            out.add(b.append(',').append(c[5]).toString());
        }
        Path file = work.resolve(name);
        Files.write(file, out);
        return file;
    }

    @Test
    @DisplayName("--klines BTC=btc.csv --klines ETH=eth.csv backtests btc-5m and eth-15m together, reported by market")
    void oneKlineFilePerAsset() throws Exception {
        Path btc = scaledCopy("btc.csv", 600, 1);
        Path eth = scaledCopy("eth.csv", 600, 12.5);
        int code = run("--klines", "BTC=" + btc, "--klines", "eth=" + eth, "--from", "2022-01-01T03:00:00Z", "--to",
                "2022-01-01T06:00", "--set", "MARKETS=btc-5m,eth-15m", "--json");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = stdout().lines().toList();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        java.util.Set<String> markets = new java.util.TreeSet<>();
        summary.get("by_market").fieldNames().forEachRemaining(markets::add);
        assertThat(markets).containsExactly("btc-5m", "eth-15m");
        assertThat(stdout()).contains("By market", "  eth-15m ");
    }

    @Test
    @DisplayName("--klines mixing a bare FILE with ASSET=FILE, or naming an unknown asset, is a configuration error")
    void badKlineList() throws Exception {
        Path btc = scaledCopy("btc.csv", 200, 1);
        assertThat(run("--klines", btc.toString(), "--klines", "ETH=" + btc)).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("each is ASSET=FILE");
        assertThat(run("--klines", "DOGE=" + btc)).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown asset DOGE");
    }
}
