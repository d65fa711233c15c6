package updown;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.engine.PaperEngine;
import updown.repository.InMemoryRepository;
import updown.testkit.Await;
import updown.testkit.BusRecorder;
import updown.testkit.TestConfig;
import updown.time.BotClock;
import updown.app.Bot;

@ExtendWith(VertxExtension.class)
@DisplayName("Bot start: the first tick comes at once, and a taken dashboard port does not stop trading")
class BotStartTest {
    @TempDir
    Path dataDir;

    /** Every venue on a closed loopback port: market data retries quietly, nothing leaves the machine. */
    private BotConfig config(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("RECORD_ENABLED", "false", "GAMMA_API_URL", "http://127.0.0.1:1",
                "CLOB_API_URL", "http://127.0.0.1:1", "CLOB_WS_URL", "ws://127.0.0.1:1",
                "BINANCE_REST_URL", "http://127.0.0.1:1", "BINANCE_WS_URL", "ws://127.0.0.1:1",
                "RTDS_WS_URL", "ws://127.0.0.1:1",
                // the timer's first tick would come an hour after the start: any tick seen sooner is the start's own
                "TICK_INTERVAL_MS", "3600000"));
        m.putAll(extra);
        return TestConfig.inDataDir(dataDir, m);
    }

    private Bot start(Vertx vertx, BotConfig config) {
        return Await.result(Bot.start(vertx, new Bot.Parts(config, BotClock.system(), new InMemoryRepository(),
                PaperEngine.fromConfig(config))));
    }

    @Test
    @DisplayName("the trader ticks as soon as the bot is up, not a tick interval later: the health file is there")
    void firstTickAtOnce(Vertx vertx) {
        BusRecorder<Object> ticks = BusRecorder.on(vertx, Addresses.TRADER_TICKED);
        Bot bot = start(vertx, config(Map.of("DASHBOARD_ENABLED", "false")));
        ticks.awaitFirst();
        assertThat(Files.exists(config(Map.of()).storage().healthFile())).isTrue();
        Await.result(bot.stop());
    }

    @Test
    @DisplayName("with the dashboard's port already taken the bot still starts and ticks, without a dashboard")
    void takenDashboardPort(Vertx vertx) {
        NetServer squatter = Await.result(vertx.createNetServer().connectHandler(s -> s.close()).listen(0, "127.0.0.1"));
        BusRecorder<Object> ticks = BusRecorder.on(vertx, Addresses.TRADER_TICKED);
        Bot bot = start(vertx, config(Map.of("DASHBOARD_ENABLED", "true", "DASHBOARD_HOST", "127.0.0.1",
                "DASHBOARD_PORT", Integer.toString(squatter.actualPort()))));
        ticks.awaitFirst();
        assertThat(bot.dashboardPort()).isEqualTo(-1);
        Await.result(bot.stop());
        Await.result(squatter.close());
    }
}
