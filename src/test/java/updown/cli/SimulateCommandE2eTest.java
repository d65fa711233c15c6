package updown.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.report.TradeView;
import updown.repository.SqliteRepository;
import updown.repository.StoredState;
import updown.app.StopSignal;

/**
 * The {@code simulate} command itself, as a user runs it (its stdout and stderr captured, the environment a map), then
 * {@code trades} on its folder: simulated money stays under DATA_DIR/simulate, one fresh ledger per run, and its
 * summary adds up, also after a stop mid-run.
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
    @DisplayName("simulate --json runs N windows in a folder of its own under DATA_DIR/simulate (never the run ledger),"
            + " prints a line per trade and settlement and a summary that adds up field by field; trades shows them;"
            + " a second run gets a fresh ledger and leaves the first untouched; trades --simulate shows the newest")
    void simulateThenTrades(Vertx vertx, @TempDir Path workDir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", workDir.resolve("data").toString());
        // the run ledger named explicitly too, as a .env may: simulate must not write it either
        env.put("DB_PATH", workDir.resolve("data/run-ledger.db").toString());
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

        // never the run's DATA_DIR itself: its own folder under DATA_DIR/simulate
        Path data = workDir.resolve("data");
        assertThat(data.resolve("updown.db")).as("the run ledger").doesNotExist();
        assertThat(data.resolve("run-ledger.db")).as("the run ledger at DB_PATH").doesNotExist();
        assertThat(data.resolve("health")).as("the run's health file").doesNotExist();
        assertThat(data.resolve("tape")).as("the run's tape").doesNotExist();
        List<Path> runs = runFolders(data);
        assertThat(runs).as("one folder per simulate run").hasSize(1);
        Path folder = runs.get(0);
        assertThat(folder.resolve("updown.db")).exists();
        assertThat(folder.resolve("health")).exists();
        assertThat(sim.out()).as("the ledger and the dashboard are named at the start")
                .anyMatch(l -> l.startsWith("Simulating ") && l.endsWith("; ledger " + folder.resolve("updown.db")))
                .contains("dashboard: off (DASHBOARD_ENABLED=false)");

        StoredState db = load(vertx, folder);
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
        assertThat(summary.get("still_open").asInt()).isZero();
        assertAddsUp(summary, db);
        assertThat(summary.get("data_dir").asText()).isEqualTo(folder.toString());
        assertThat(sim.out()).contains("  adds up           yes");

        ByteArrayOutputStream tradesOut = new ByteArrayOutputStream();
        ByteArrayOutputStream tradesErr = new ByteArrayOutputStream();
        TradesCommand tradesCommand = new TradesCommand(new Invocation(new PrintStream(tradesOut, true, StandardCharsets.UTF_8),
                new PrintStream(tradesErr, true, StandardCharsets.UTF_8), workDir, env));
        Run listed = run(tradesCommand, tradesOut, tradesErr, "--simulate", "--json");
        assertThat(listed.exit()).as("trades exit code; stderr: %s", listed.err()).isZero();
        JsonNode stored = JSON.readTree(listed.out().get(listed.out().size() - 1));
        assertThat(stored.get("trades")).hasSize(trades.size());
        for (JsonNode t : stored.get("trades")) {
            Trade mine = trades.stream().filter(x -> x.id() == t.get("id").asLong()).findFirst().orElseThrow();
            assertThat(tradeLines).as("trades --json shows trade %d that simulate printed", mine.id())
                    .anyMatch(l -> l.startsWith("TRADE   #" + mine.id() + " " + t.get("slug").asText()));
            assertThat(t.get("amount").asText()).isEqualTo(mine.amount().format());
            assertThat(t.get("status").asText()).isEqualTo(TradeView.of(mine).status());
        }
        assertThat(stored.get("balance").asText()).isEqualTo(summary.get("final_balance").asText());

        ByteArrayOutputStream tableOut = new ByteArrayOutputStream();
        ByteArrayOutputStream tableErr = new ByteArrayOutputStream();
        Run table = run(new TradesCommand(new Invocation(new PrintStream(tableOut, true, StandardCharsets.UTF_8),
                new PrintStream(tableErr, true, StandardCharsets.UTF_8), workDir, env)), tableOut, tableErr,
                "--data-dir", folder.toString());
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

        // a second run (same seed) in the same place: a fresh ledger of its own, the first one untouched
        ByteArrayOutputStream againOut = new ByteArrayOutputStream();
        ByteArrayOutputStream againErr = new ByteArrayOutputStream();
        Run again = run(new SimulateCommand(new Invocation(new PrintStream(againOut, true, StandardCharsets.UTF_8),
                new PrintStream(againErr, true, StandardCharsets.UTF_8), workDir, env)), againOut, againErr,
                "--windows", "1", "--speed", "200", "--seed", "4", "--json");
        assertThat(again.exit()).as("second run exit code; stderr: %s", again.err()).isZero();
        List<Path> both = runFolders(data);
        assertThat(both).as("a second folder, the first kept").hasSize(2).contains(folder);
        Path second = both.stream().filter(p -> !p.equals(folder)).findFirst().orElseThrow();
        assertThat(data.resolve("updown.db")).as("the run ledger, still").doesNotExist();
        StoredState firstAfter = load(vertx, folder);
        assertThat(firstAfter.trades()).as("the first run's trades after the second").isEqualTo(trades);
        assertThat(firstAfter.ledger()).as("the first run's ledger after the second").isEqualTo(db.ledger());
        StoredState secondDb = load(vertx, second);
        JsonNode secondSummary = JSON.readTree(again.out().get(again.out().size() - 1));
        assertThat(secondSummary.get("trades").asInt()).as("the second run counts only its own trades")
                .isEqualTo(secondDb.trades().size());
        assertThat(secondDb.trades()).as("ids of a fresh ledger")
                .allMatch(t -> t.id() <= secondDb.trades().size());
        assertThat(secondDb.ledger().stream().filter(e -> e.kind() == LedgerKind.INITIAL_DEPOSIT))
                .as("its own initial deposit").hasSize(1);
        assertAddsUp(secondSummary, secondDb);

        ByteArrayOutputStream newestOut = new ByteArrayOutputStream();
        ByteArrayOutputStream newestErr = new ByteArrayOutputStream();
        Run newest = run(new TradesCommand(new Invocation(new PrintStream(newestOut, true, StandardCharsets.UTF_8),
                new PrintStream(newestErr, true, StandardCharsets.UTF_8), workDir, env)), newestOut, newestErr,
                "--simulate", "--json");
        assertThat(newest.exit()).as("trades --simulate exit code; stderr: %s", newest.err()).isZero();
        JsonNode newestStored = JSON.readTree(newest.out().get(newest.out().size() - 1));
        assertThat(newestStored.get("trades")).as("trades --simulate shows the newest run").hasSize(
                secondDb.trades().size());
        assertThat(newestStored.get("balance").asText()).isEqualTo(secondSummary.get("final_balance").asText());
    }

    @Test
    @DisplayName("a stop mid-run still prints the summary, with the trade just opened still open (not unknown), and"
            + " it adds up; the dashboard URL printed at the start answers")
    void stopMidRun(Vertx vertx, @TempDir Path workDir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", workDir.resolve("data").toString());
        env.put("DASHBOARD_PORT", "0");
        env.put("BOOK_STALE_MS", "60000");
        env.put("PRICE_STALE_MS", "60000");
        StopSignal stop = StopSignal.manual();
        CompletableFuture<Integer> dashboardStatus = new CompletableFuture<>();
        WebClient web = WebClient.create(vertx);
        // the stop comes when the first trade is printed (its market cannot have resolved yet), and only after the
        // dashboard answered, so the request never races with the shutdown
        LineWatcher out = new LineWatcher(line -> {
            if (line.startsWith("dashboard: http://")) {
                web.getAbs(line.substring("dashboard: ".length())).send()
                        .onComplete(ar -> dashboardStatus.complete(ar.succeeded() ? ar.result().statusCode() : -1));
            } else if (line.startsWith("TRADE ")) {
                dashboardStatus.whenComplete((code, err) -> stop.request());
            }
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SimulateCommand simulate = new SimulateCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workDir, env), () -> stop);
        int exit = new CommandLine(simulate).execute("--windows", "30", "--speed", "200", "--seed", "4", "--json");
        List<String> lines = out.text().lines().toList();
        assertThat(exit).as("exit code; stdout: %s%nstderr: %s", lines, err).isZero();
        assertThat(lines).as("the dashboard URL").anyMatch(l -> l.matches("dashboard: http://127\\.0\\.0\\.1:\\d+/"));
        assertThat(dashboardStatus.get(30, TimeUnit.SECONDS)).as("the dashboard answered at that URL").isEqualTo(200);

        Path folder = runFolders(workDir.resolve("data")).get(0);
        StoredState db = load(vertx, folder);
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(lines).containsSubsequence("Summary", "  data folder       " + folder,
                "  stopped           after " + summary.get("windows").asInt() + " of 30 window(s)");
        assertThat(summary.get("windows").asInt()).as("stopped early").isLessThan(30);
        assertThat(summary.get("windows_requested").asInt()).isEqualTo(30);
        assertThat(db.trades()).as("the trade that stopped the run is stored").isNotEmpty();
        assertThat(summary.get("still_open").asInt()).as("its market had not resolved: still open")
                .isEqualTo((int) db.trades().stream().filter(Trade::isOpen).count()).isPositive();
        assertThat(summary.get("unknown").asInt()).isZero();
        assertAddsUp(summary, db);
        assertThat(lines).contains("  adds up           yes");
    }

    /** The summary's money, each field recomputed here from the stored ledger and trades (a fresh ledger). */
    static void assertAddsUp(JsonNode summary, StoredState db) {
        Usd starting = sum(db.ledger().stream().filter(e -> e.kind() == LedgerKind.INITIAL_DEPOSIT)
                .map(LedgerEntry::amount).toList());
        Usd topUps = sum(db.ledger().stream().filter(e -> e.kind() == LedgerKind.TOPUP).map(LedgerEntry::amount)
                .toList());
        Usd pnl = sum(db.trades().stream().filter(t -> !t.isOpen()).map(Trade::pnl).toList());
        Usd fees = sum(db.trades().stream().map(Trade::fee).toList());
        Usd openAtCost = sum(db.trades().stream().filter(Trade::isOpen).map(Trade::totalCost).toList());
        Usd balance = sum(db.ledger().stream().map(LedgerEntry::amount).toList());
        assertThat(Usd.of(summary.get("starting_balance").asText())).as("starting balance").isEqualTo(starting)
                .isEqualTo(Usd.of("1000"));
        assertThat(Usd.of(summary.get("open_at_start").asText())).as("open at start").isEqualTo(Usd.ZERO);
        assertThat(Usd.of(summary.get("top_ups").asText())).as("top-ups").isEqualTo(topUps);
        assertThat(Usd.of(summary.get("pnl").asText())).as("realised P&L").isEqualTo(pnl);
        assertThat(Usd.of(summary.get("fees").asText())).as("fees").isEqualTo(fees);
        assertThat(Usd.of(summary.get("open_at_cost").asText())).as("open at cost").isEqualTo(openAtCost);
        assertThat(Usd.of(summary.get("final_balance").asText())).as("final balance = the ledger's sum")
                .isEqualTo(balance);
        assertThat(Usd.of(summary.get("equity").asText())).as("equity = balance + open at cost")
                .isEqualTo(balance.plus(openAtCost));
        assertThat(balance).as("the identity: start + top-ups + realised P&L - open at cost = final balance")
                .isEqualTo(starting.plus(topUps).plus(pnl).minus(openAtCost));
        assertThat(summary.get("still_open").asInt() + summary.get("unknown").asInt())
                .isEqualTo((int) db.trades().stream().filter(Trade::isOpen).count());
        assertThat(summary.get("adds_up").asBoolean()).isTrue();
    }

    private static Usd sum(List<Usd> amounts) {
        return amounts.stream().reduce(Usd.ZERO, Usd::plus);
    }

    static List<Path> runFolders(Path data) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("simulate"))) {
            return s.sorted().toList();
        }
    }

    static StoredState load(Vertx vertx, Path folder) throws Exception {
        return SqliteRepository.openExisting(vertx, folder.resolve("updown.db"))
                .compose(repo -> repo.load().eventually(repo::close))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Captures what is printed and hands every completed line to a watcher, on the printing thread. */
    static final class LineWatcher extends OutputStream {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Consumer<String> onLine;

        LineWatcher(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b == '\n') {
                onLine.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
