package updown.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.micrometer.backends.BackendRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.ControlState;
import updown.domain.Direction;
import updown.domain.Kst;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Resolution;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.domain.Usd;
import updown.engine.Engine;
import updown.engine.Execution;
import updown.engine.Order;
import updown.repository.InMemoryRepository;
import updown.repository.Repository;
import updown.testkit.Trades;

/**
 * The metrics endpoint as Prometheus sees it: a real HTTP GET on 127.0.0.1 of {@code /metrics}, after real bus events,
 * a real ledger write and a rejected order, must carry UpDown's meters with their values next to Vert.x's own (event
 * bus, HTTP server) and the JVM's.
 */
@DisplayName("MetricsVerticle serves Prometheus metrics built from the bus events")
class MetricsVerticleTest {
    private static final Instant T0 = Trades.T0;

    private Vertx vertx;
    private String registryName;
    private PrometheusMeterRegistry registry;
    private UpDownMeters meters;
    private MetricsVerticle verticle;

    @BeforeEach
    void start() throws Exception {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registryName = "metrics-test-" + System.identityHashCode(registry);
        vertx = MetricsSetup.withRegistry(registry, registryName);
        LocalRecordCodec.register(vertx.eventBus());
        meters = new UpDownMeters(registry);
        verticle = new MetricsVerticle(new BotConfig.Metrics(true, "127.0.0.1", 0), registry, meters);
        await(vertx.deployVerticle(verticle));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
        BackendRegistries.stop(registryName);
    }

    @Test
    @DisplayName("after ticks, a trade, a settlement, feed health, a commit and a rejection, /metrics shows them")
    void scrapeAfterEvents() throws Exception {
        Market market = Trades.market(T0);
        Trade opened = Trades.directional(market, Direction.BUY_UP, "0.50", "10", "0.07", T0).withId(1);
        Trade won = opened.settled(Resolution.UP, Usd.of("20"), T0.plusSeconds(300));
        var bus = vertx.eventBus();
        bus.publish(Addresses.TRADER_TICKED, new TraderTicked(T0, 2, 1, true, 1, 1_500));
        bus.publish(Addresses.TRADER_TICKED, new TraderTicked(T0.plusSeconds(1), 2, 0, true, 0, 800));
        bus.publish(Addresses.TRADE_EXECUTED, new PortfolioEvent.TradeExecuted(opened, snapshot("989.93", "999.93")));
        bus.publish(Addresses.TRADE_SETTLED, new PortfolioEvent.TradeSettled(won, snapshot("1009.93", "1009.93")));
        bus.publish(Addresses.MARKET_EVENTS, new MarketEvent.FeedHealth("binance", true, "no update for 31000 ms", T0));
        bus.publish(Addresses.MARKET_EVENTS, new MarketEvent.FeedHealth("binance", false, "updates resumed", T0));

        Repository ledger = new TimedRepository(new InMemoryRepository(), meters);
        await(ledger.init().compose(v -> ledger.appendEntry(new LedgerEntry(0, LedgerKind.INITIAL_DEPOSIT,
                Usd.of("1000"), 0, T0, "initial"))));
        Engine rejecting = MeteredEngine.wrap(new Engine() {
            @Override
            public String name() {
                return "refuses";
            }

            @Override
            public Future<Execution> execute(Order order) {
                return Future.succeededFuture(new Execution.Rejected(ResultCode.NO_LIQUIDITY, "empty book"));
            }
        }, meters);
        await(rejecting.execute(null));

        WebClient http = WebClient.create(vertx);
        await(http.get(verticle.actualPort(), "127.0.0.1", "/metrics").send()); // so the server has served once
        var response = await(http.get(verticle.actualPort(), "127.0.0.1", "/metrics").send());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).startsWith("text/plain");
        String text = response.bodyAsString();

        assertThat(value(text, "updown_ticks_total")).isEqualTo(2.0);
        assertThat(value(text, "updown_decision_latency_seconds_count")).isEqualTo(2.0);
        assertThat(value(text, "updown_decision_latency_seconds_sum")).isEqualTo(0.0023);
        assertThat(text).contains("updown_decision_latency_seconds_bucket{le=");
        assertThat(value(text, "updown_markets_active")).isEqualTo(2.0);
        assertThat(value(text, "updown_trades_total{side=\"BUY_UP\"}")).isEqualTo(1.0);
        assertThat(value(text, "updown_fills_total")).isEqualTo(1.0);
        assertThat(value(text, "updown_fees_usd")).isEqualTo(0.07);
        assertThat(value(text, "updown_trades_settled_total{result=\"win\"}")).isEqualTo(1.0);
        assertThat(value(text, "updown_balance_usd")).isEqualTo(1009.93);
        assertThat(value(text, "updown_equity_usd")).isEqualTo(1009.93);
        assertThat(value(text, "updown_feed_stale{feed=\"binance\"}")).isEqualTo(0.0);
        assertThat(value(text, "updown_feed_stalls_total{feed=\"binance\"}")).isEqualTo(1.0);
        assertThat(value(text, "updown_feed_reconnects_total{feed=\"binance\"}")).isEqualTo(1.0);
        assertThat(value(text, "updown_order_rejections_total{code=\"NO_LIQUIDITY\"}")).isEqualTo(1.0);
        assertThat(value(text, "updown_ledger_commit_seconds_count{op=\"append\"}")).isEqualTo(1.0);
        // Vert.x's own meters (event bus, HTTP server) and the JVM's
        assertThat(text).contains("vertx_eventbus_published_total", "vertx_http_server_requests_total",
                "jvm_memory_used_bytes");
        assertThat(value(text, "vertx_http_server_requests_total{code=\"200\",method=\"GET\"}")).isPositive();

        // every UpDown series the shipped Grafana dashboard queries is one this endpoint serves
        String dashboard = Files.readString(Path.of("deploy/grafana/dashboards/updown.json"));
        Matcher queried = Pattern.compile("updown_[a-z_]+").matcher(dashboard);
        int names = 0;
        while (queried.find()) {
            names++;
            assertThat(text).as("dashboard series " + queried.group()).contains(queried.group());
        }
        assertThat(names).isGreaterThan(10);
    }

    private static PortfolioSnapshot snapshot(String balance, String equity) {
        Usd exposure = Usd.of(equity).minus(Usd.of(balance));
        return new PortfolioSnapshot(Usd.of(balance), Usd.of("1000"), Usd.ZERO, Usd.of("0.07"), Usd.ZERO, 0, 0,
                exposure.isPositive() ? 1 : 0, exposure, Kst.dayOf(T0), Usd.ZERO, Usd.ZERO, 1,
                ControlState.running(T0), T0);
    }

    /** The value of the first sample whose name (with labels, if given) starts the line. */
    private static double value(String text, String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        List<String> labels = sample.contains("{")
                ? List.of(sample.substring(sample.indexOf('{') + 1, sample.length() - 1).split(","))
                : List.of();
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            if (labels.stream().allMatch(found::contains)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + sample + " in:\n" + text);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
