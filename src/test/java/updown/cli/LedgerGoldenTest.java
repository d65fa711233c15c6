package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import updown.testkit.Fixtures;

/**
 * The ledger a kline backtest produces, pinned by its SHA-256. The hashes were printed by the jar built from commit
 * 941c5bd (before the structure, speed and trade-view changes of issues #18 and #19) and again by the jar after them:
 * a refactoring that changes a single trade, price, fee or entry fails here. A change that is meant to alter results
 * updates these hashes in the same commit and says why.
 */
@Tag("e2e")
@DisplayName("Golden ledgers: the same kline backtest gives the same ledger bytes as before the refactorings")
class LedgerGoldenTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} → {1}, {3}: {4} trades")
    @CsvSource(delimiter = '|', value = {
        "2022-01-01T03:00:00Z | 2022-01-02T03:00 | | defaults | 65 | 937.654509 "
                + "| 0fa197eae077795b31751f8588a6dc65e1729ebf593f9f3bb5874eb308d0395b",
        "2022-01-01T00:00:00Z | 2022-01-05T00:00 | --resume-daily --set EMA_FAST=5 --set EMA_SLOW=13 | EMA 5/13 "
                + "| 520 | 965.146944 | 0f5a443762734236a3e791174cd3ae731d55e67254d143828f9175b9e68ae2a7",
    })
    @DisplayName("a pinned backtest's trades, balance and ledger SHA-256 are unchanged")
    void ledgerIsUnchanged(String from, String to, String extra, String label, int trades, String balance,
                           String sha256) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BacktestCommand cmd = new BacktestCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work,
                Map.of("DATA_DIR", work.resolve("data").toString())));
        List<String> args = new java.util.ArrayList<>(List.of("--klines",
                Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv").toAbsolutePath().toString(),
                "--from", from, "--to", to, "--json"));
        if (extra != null) {
            args.addAll(List.of(extra.split(" ")));
        }
        int code = new CommandLine(cmd).execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("trades").asInt()).isEqualTo(trades);
        assertThat(summary.get("final_balance").asText()).isEqualTo(balance);
        assertThat(summary.get("ledger_sha256").asText()).isEqualTo(sha256);
    }
}
