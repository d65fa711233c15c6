package updown.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import updown.domain.LedgerEntry;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.repository.SqliteRepository;
import updown.repository.StoredState;

/**
 * The {@code simulate} command itself, as a user runs it (its stdout and stderr captured, the environment a map), then
 * {@code trades --json} on the same DATA_DIR.
 */
@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("simulate command end to end")
class SimulateCommandE2eTest {
    static final int WINDOWS = 5;
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, List<String> out, String err) {
    }

    static Run run(Object command, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        int exit = new CommandLine(command).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("simulate --json runs N windows, exits 0, prints a line per trade and settlement and a last JSON line"
            + " that matches the ledger; trades --json then shows the same trades")
    void simulateThenTrades(Vertx vertx, @TempDir Path workDir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", workDir.resolve("data").toString());
        env.put("DASHBOARD_ENABLED", "false");
        // at 200x the default 30 s staleness is 150 real ms, about a scheduling hiccup on a busy machine
        env.put("BOOK_STALE_MS", "60000");
        env.put("PRICE_STALE_MS", "60000");

        ByteArrayOutputStream simOut = new ByteArrayOutputStream();
        ByteArrayOutputStream simErr = new ByteArrayOutputStream();
        SimulateCommand simulate = new SimulateCommand(new Invocation(new PrintStream(simOut, true, StandardCharsets.UTF_8),
                new PrintStream(simErr, true, StandardCharsets.UTF_8), workDir, env));
        Run sim = run(simulate, simOut, simErr, "--windows", Integer.toString(WINDOWS),
                "--speed", "200", "--seed", "4", "--json");
        assertThat(sim.exit()).as("exit code; stderr: %s", sim.err()).isZero();

        StoredState db = SqliteRepository.openExisting(vertx, workDir.resolve("data/updown.db"))
                .compose(repo -> repo.load().eventually(repo::close))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Trade> trades = db.trades();
        assertThat(trades).as("the run traded (seed 4); stdout: %s%nstderr: %s", sim.out(), sim.err()).isNotEmpty();

        List<String> tradeLines = sim.out().stream().filter(l -> l.startsWith("TRADE ")).toList();
        List<String> settleLines = sim.out().stream().filter(l -> l.startsWith("SETTLE ")).toList();
        assertThat(tradeLines).as("one TRADE line per stored trade").hasSize(trades.size());
        assertThat(settleLines).as("one SETTLE line per settled trade")
                .hasSize((int) trades.stream().filter(t -> !t.isOpen()).count());
        for (Trade t : trades) {
            assertThat(tradeLines).as("line of trade %d", t.id())
                    .containsOnlyOnce(tradeLines.stream().filter(l -> l.startsWith("TRADE   #" + t.id() + " "))
                            .findFirst().orElseThrow(() -> new AssertionError("no line for trade " + t.id())));
            assertThat(tradeLines.stream().filter(l -> l.startsWith("TRADE   #" + t.id() + " ")).findFirst()
                    .orElseThrow()).contains(t.slug()).contains(t.side().name()).contains("amount "
                    + t.amount().format());
        }

        String last = sim.out().get(sim.out().size() - 1);
        JsonNode summary = JSON.readTree(last);
        assertThat(summary.isObject()).as("last line is one JSON object: %s", last).isTrue();
        assertThat(summary.get("windows").asInt()).isEqualTo(WINDOWS);
        assertThat(summary.get("trades").asInt()).isEqualTo(trades.size());
        Map<String, Integer> byStrategy = new TreeMap<>();
        trades.forEach(t -> byStrategy.merge(String.join("+", t.sources()), 1, Integer::sum));
        Map<String, Integer> printedByStrategy = new TreeMap<>();
        summary.get("trades_by_strategy").fields()
                .forEachRemaining(e -> printedByStrategy.put(e.getKey(), e.getValue().asInt()));
        assertThat(printedByStrategy).isEqualTo(byStrategy);
        assertThat(summary.get("wins").asInt()).isEqualTo((int) trades.stream().filter(Trade::isWin).count());
        assertThat(summary.get("losses").asInt())
                .isEqualTo((int) trades.stream().filter(t -> !t.isOpen() && !t.isWin()).count());
        // the exchange lists only the run's windows, so every trade it made is settled by the end
        assertThat(trades).as("trades left open").noneMatch(Trade::isOpen);
        assertThat(summary.get("unknown").asInt()).isZero();
        assertThat(Usd.of(summary.get("fees").asText()))
                .isEqualTo(trades.stream().map(Trade::fee).reduce(Usd.ZERO, Usd::plus));
        assertThat(Usd.of(summary.get("pnl").asText())).isEqualTo(trades.stream().filter(t -> !t.isOpen())
                .map(Trade::pnl).reduce(Usd.ZERO, Usd::plus));
        Usd ledger = db.ledger().stream().map(LedgerEntry::amount).reduce(Usd.ZERO, Usd::plus);
        assertThat(Usd.of(summary.get("final_balance").asText())).as("final balance = ledger").isEqualTo(ledger);
        assertThat(ledger).as("final balance = initial + P&L: nothing staked is left out")
                .isEqualTo(Usd.of("1000").plus(Usd.of(summary.get("pnl").asText())));

        ByteArrayOutputStream tradesOut = new ByteArrayOutputStream();
        ByteArrayOutputStream tradesErr = new ByteArrayOutputStream();
        TradesCommand tradesCommand = new TradesCommand(new Invocation(new PrintStream(tradesOut, true, StandardCharsets.UTF_8),
                new PrintStream(tradesErr, true, StandardCharsets.UTF_8), workDir, env));
        Run listed = run(tradesCommand, tradesOut, tradesErr, "--json");
        assertThat(listed.exit()).as("trades exit code; stderr: %s", listed.err()).isZero();
        JsonNode stored = JSON.readTree(listed.out().get(listed.out().size() - 1));
        assertThat(stored.get("trades")).hasSize(trades.size());
        for (JsonNode t : stored.get("trades")) {
            Trade mine = trades.stream().filter(x -> x.id() == t.get("id").asLong()).findFirst().orElseThrow();
            assertThat(tradeLines).as("trades --json shows trade %d that simulate printed", mine.id())
                    .anyMatch(l -> l.startsWith("TRADE   #" + mine.id() + " " + t.get("market_slug").asText()));
            assertThat(t.get("amount").asText()).isEqualTo(mine.amount().format());
            assertThat(t.get("status").asText()).isEqualTo(mine.status().name());
        }
        assertThat(stored.get("balance").asText()).isEqualTo(summary.get("final_balance").asText());

        ByteArrayOutputStream tableOut = new ByteArrayOutputStream();
        ByteArrayOutputStream tableErr = new ByteArrayOutputStream();
        Run table = run(new TradesCommand(new Invocation(new PrintStream(tableOut, true, StandardCharsets.UTF_8),
                new PrintStream(tableErr, true, StandardCharsets.UTF_8), workDir, env)), tableOut, tableErr);
        assertThat(table.exit()).as("trades (table) exit code; stderr: %s", table.err()).isZero();
        assertThat(table.out().get(0)).contains("id", "market", "side", "price", "alt", "shares", "alt shares",
                "amount", "fee", "status", "outcome", "payout", "pnl", "sources", "opened (UTC)", "settled (UTC)");
        for (Trade t : trades) {
            assertThat(table.out()).as("table row of trade %d", t.id()).anyMatch(l -> l.matches("\\s*" + t.id()
                    + "\\s+" + t.marketKey() + "\\s+" + t.slug() + "\\s+" + t.side().name() + "\\s+"
                    + t.price().format().replace(".", "\\.")
                    + "\\s.*") && l.contains(t.amount().format()) && l.contains(t.fee().format()));
        }
        assertThat(table.out().get(table.out().size() - 1)).isEqualTo("ledger balance: "
                + summary.get("final_balance").asText() + "  (recomputed from deposits and trades: "
                + summary.get("final_balance").asText() + ")");
        assertThat(stored.get("recomputed_balance").asText()).isEqualTo(summary.get("final_balance").asText());
    }
}
