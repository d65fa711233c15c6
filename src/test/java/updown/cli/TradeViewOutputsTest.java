package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import updown.backtest.ReportFiles;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.report.TradeView;
import updown.repository.SqliteRepository;
import updown.repository.TestTrades;
import updown.testkit.Await;
import updown.web.DashboardTrades;

/**
 * The one trade view: the dashboard, {@code trades --json}/{@code --csv} and a backtest's {@code trades.json}/
 * {@code trades.csv} show the same trade under the same keys (docs/trades.md) with the same values.
 */
@DisplayName("Every output shows a trade with the same keys and values")
class TradeViewOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Vertx vertx;
    private Trade settled;
    private Trade open;

    @BeforeEach
    void storeTrades() {
        vertx = Vertx.vertx();
        SqliteRepository repo = Await.result(SqliteRepository.open(vertx, work.resolve("run/updown.db")));
        Await.result(repo.init());
        Await.result(repo.appendEntry(TestTrades.deposit("1000")));
        Trade arb = TestTrades.withSources(TestTrades.arbitrage(), List.of("Arbitrage", "EMA"), Ratio.of("0.583333"));
        Trade stored = Await.result(repo.insertOpenTrade(arb, TestTrades.debitFor(arb)));
        Trade done = TestTrades.settle(stored, Resolution.UP, TestTrades.WINDOW_END.plusSeconds(90));
        assertThat(Await.result(repo.settleTrade(done, TestTrades.creditFor(done)))).isTrue();
        Trade dir = TestTrades.directional("540818", TestTrades.T0.plusSeconds(5));
        Await.result(repo.insertOpenTrade(dir, TestTrades.debitFor(dir)));
        List<Trade> trades = Await.result(repo.load()).trades();
        Await.result(repo.close());
        settled = trades.get(0);
        open = trades.get(1);
        assertThat(settled.isOpen()).isFalse();
        assertThat(open.isOpen()).isTrue();
    }

    @AfterEach
    void closeVertx() {
        Await.result(vertx.close());
    }

    @Test
    @DisplayName("the dashboard, trades --json and the report's trades.json carry the view's keys, in order, and values")
    void jsonOutputs() throws Exception {
        for (Trade t : List.of(settled, open)) {
            Map<String, Object> expected = asPlain(TradeView.of(t).fields());
            JsonObject dashboard = DashboardTrades.json(t);
            JsonNode cli = byId(JSON.readTree(tradesCommand("--json")).get("trades"), t.id());
            JsonNode report = byId(JSON.readTree(ReportFiles.tradesJson(List.of(settled, open))), t.id());

            assertThat(new ArrayList<>(dashboard.fieldNames())).as("dashboard keys").isEqualTo(TradeView.KEYS);
            assertThat(names(cli)).as("trades --json keys").isEqualTo(TradeView.KEYS);
            assertThat(names(report)).as("trades.json keys").isEqualTo(TradeView.KEYS);

            assertThat(asPlain(dashboard.getMap())).as("dashboard values").isEqualTo(expected);
            assertThat(asPlain(JSON.convertValue(cli, Map.class))).as("trades --json values").isEqualTo(expected);
            assertThat(asPlain(JSON.convertValue(report, Map.class))).as("trades.json values").isEqualTo(expected);
        }
        JsonObject arb = DashboardTrades.json(settled);
        assertThat(arb.getString("status")).isEqualTo("settled");
        assertThat(arb.getString("cost")).isEqualTo(settled.totalCost().format());
        assertThat(arb.getJsonArray("sources")).isEqualTo(new JsonArray(List.of("Arbitrage", "EMA")));
        assertThat(DashboardTrades.json(open).getValue("settledAt")).isNull();
    }

    @Test
    @DisplayName("trades --csv and the report's trades.csv have the view's keys as columns and the same rows")
    void csvOutputs() throws Exception {
        String cli = tradesCommand("--csv");
        String report = ReportFiles.tradesCsv(List.of(settled, open));
        assertThat(cli).isEqualTo(report);
        List<String> lines = cli.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(List.of(lines.get(0).split(","))).isEqualTo(TradeView.KEYS);
        String[] row = lines.get(1).split(",", -1);
        assertThat(row).hasSize(TradeView.KEYS.size());
        Map<String, Object> view = TradeView.of(settled).fields();
        for (int i = 0; i < row.length; i++) {
            String key = TradeView.KEYS.get(i);
            Object value = view.get(key);
            String expected = value == null ? "" : value instanceof List<?> l
                    ? String.join("+", l.stream().map(String::valueOf).toList()) : value.toString();
            assertThat(row[i]).as(key).isEqualTo(expected);
        }
    }

    private String tradesCommand(String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TradesCommand command = new TradesCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work, Map.of("DATA_DIR", "data")));
        int exit = new CommandLine(command).execute("--data-dir", "run", format);
        assertThat(exit).as("trades exit; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode byId(JsonNode trades, long id) {
        for (JsonNode t : trades) {
            if (t.get("id").asLong() == id) {
                return t;
            }
        }
        throw new AssertionError("no trade " + id + " in " + trades);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Numbers as longs, lists as lists of strings: JSON readers differ only in those boxes. */
    private static Map<String, Object> asPlain(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Number n ? (Object) n.longValue()
                : v instanceof JsonArray a ? a.getList().stream().map(String::valueOf).toList()
                : v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : v));
        return out;
    }
}
