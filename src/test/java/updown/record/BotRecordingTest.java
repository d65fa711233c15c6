package updown.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.app.Bot;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.engine.PaperEngine;
import updown.repository.InMemoryRepository;
import updown.testkit.Await;
import updown.testkit.BusRecorder;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("Bot: the recorder is deployed unless RECORD_ENABLED=false and gets the trader's ticks")
class BotRecordingTest {
    @TempDir
    Path dataDir;

    /** Every venue on a closed loopback port: market data retries quietly, nothing leaves the machine. */
    private BotConfig config(boolean record) {
        return TestConfig.inDataDir(dataDir, Map.of("RECORD_ENABLED", Boolean.toString(record),
                "DASHBOARD_ENABLED", "false", "GAMMA_API_URL", "http://127.0.0.1:1", "CLOB_API_URL",
                "http://127.0.0.1:1", "CLOB_WS_URL", "ws://127.0.0.1:1", "BINANCE_REST_URL", "http://127.0.0.1:1",
                "BINANCE_WS_URL", "ws://127.0.0.1:1", "RTDS_WS_URL", "ws://127.0.0.1:1"));
    }

    private Bot start(Vertx vertx, BotConfig config) {
        return Await.result(Bot.start(vertx, new Bot.Parts(config, new VirtualClock(
                Instant.parse("2026-05-12T03:00:00Z")), new InMemoryRepository(), PaperEngine.fromConfig(config))));
    }

    @Test
    @DisplayName("on: the ticks the trader took are on the tape after the bot stopped")
    void recordsWhenEnabled(Vertx vertx) throws Exception {
        BotConfig config = config(true);
        BusRecorder<Object> ticks = BusRecorder.on(vertx, Addresses.TRADER_TICKED);
        Bot bot = start(vertx, config);
        ticks.awaitFirst();
        Await.result(bot.stop());
        List<TapeRecord> tape = new ArrayList<>();
        try (TapeReader r = TapeReader.open(config.storage().tapeDir())) {
            for (TapeRecord x = r.next(); x != null; x = r.next()) {
                tape.add(x);
            }
        }
        assertThat(tape).anyMatch(x -> x instanceof TapeRecord.Tick);
    }

    @Test
    @DisplayName("off: no recorder, no tape directory")
    void nothingWhenDisabled(Vertx vertx) {
        BusRecorder<Object> ticks = BusRecorder.on(vertx, Addresses.TRADER_TICKED);
        Bot bot = start(vertx, config(false));
        ticks.awaitFirst();
        Await.result(bot.stop());
        assertThat(Files.exists(dataDir.resolve("tape"))).isFalse();
    }
}
