package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.engine.PaperEngine;
import updown.testkit.BusRecorder;
import updown.testkit.TestConfig;
import updown.time.BotClock;

@DisplayName("BotRunner: the service stops in order on a stop request, also one that comes while it starts")
class BotRunnerTest {
    @TempDir
    Path dataDir;

    /** Every venue on a closed loopback port: market data retries quietly, nothing leaves the machine. */
    private BotConfig config() {
        return TestConfig.inDataDir(dataDir, Map.of("RECORD_ENABLED", "false", "DASHBOARD_ENABLED", "false",
                "GAMMA_API_URL", "http://127.0.0.1:1", "CLOB_API_URL", "http://127.0.0.1:1",
                "CLOB_WS_URL", "ws://127.0.0.1:1", "BINANCE_REST_URL", "http://127.0.0.1:1",
                "BINANCE_WS_URL", "ws://127.0.0.1:1", "RTDS_WS_URL", "ws://127.0.0.1:1"));
    }

    @Test
    @DisplayName("a running bot stops on request: exit 0, the ledger written and closed, Vert.x closed")
    void stopsOnRequest() throws Exception {
        BotConfig config = config();
        Vertx vertx = Vertx.vertx();
        BusRecorder<Object> ticks = BusRecorder.on(vertx, Addresses.TRADER_TICKED);
        StopSignal stop = StopSignal.manual();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> BotRunner.runUntil(stop, vertx, config,
                BotClock.system(), PaperEngine.fromConfig(config)));
        ticks.awaitFirst();
        stop.request();
        assertThat(exit.get(BotRunner.SHUTDOWN_SECONDS, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
        assertThat(Files.exists(config.storage().dbPath())).isTrue();
        assertThat(Files.exists(config.storage().healthFile())).isTrue();
        // closed: deploying anything now fails
        assertThatThrownBy(() -> vertx.deployVerticle(new io.vertx.core.VerticleBase() { })
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    @DisplayName("a stop requested before the start finished: exit 0 and Vert.x closed, no hang")
    void stopDuringStartup() throws Exception {
        BotConfig config = config();
        Vertx vertx = Vertx.vertx();
        StopSignal stop = StopSignal.manual();
        stop.request();
        int exit = CompletableFuture.supplyAsync(() -> BotRunner.runUntil(stop, vertx, config, BotClock.system(),
                PaperEngine.fromConfig(config))).get(BotRunner.SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        assertThat(exit).isEqualTo(ExitCodes.OK);
    }

    @Test
    @DisplayName("waiting for a start that never ends: a stop request returns at once, a timeout is a TimeoutException")
    void awaitUnlessStopped() throws Exception {
        StopSignal stop = StopSignal.manual();
        CompletableFuture<String> never = new CompletableFuture<>();
        assertThatThrownBy(() -> stop.awaitUnlessStopped(never, 120, TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
        assertThat(stop.awaitUnlessStopped(CompletableFuture.completedFuture("up"), 1, TimeUnit.SECONDS))
                .isEqualTo("up");
        assertThatThrownBy(() -> stop.awaitUnlessStopped(CompletableFuture.failedFuture(new IllegalStateException(
                "port taken")), 1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("port taken");
        stop.request();
        assertThat(stop.awaitUnlessStopped(never, 120, TimeUnit.SECONDS)).isNull();
        assertThat(stop.requested()).isTrue();
    }
}
