package updown.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
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
        Vertx vertx = Vertx.vertx(BotRunner.serviceOptions());
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
    @DisplayName("the service's Vert.x runs verticles on at most 2 event loops and blocking jobs on at most 4 threads,"
            + " however many there are")
    void fewThreads() throws Exception {
        Vertx vertx = Vertx.vertx(BotRunner.serviceOptions());
        try {
            Set<String> loops = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 6; i++) {
                vertx.deployVerticle(new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        loops.add(Thread.currentThread().getName());
                        return Future.succeededFuture();
                    }
                }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            Set<String> workers = ConcurrentHashMap.newKeySet();
            // unordered: Vert.x's default pool would start a new thread for each of the first 20 jobs
            List<Future<Object>> jobs = IntStream.range(0, 40).mapToObj(i -> vertx.executeBlocking(() -> {
                workers.add(Thread.currentThread().getName());
                return null;
            }, false)).toList();
            Future.all(jobs).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(loops).hasSizeBetween(1, BotRunner.SERVICE_EVENT_LOOPS)
                    .allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
            assertThat(workers).hasSizeBetween(1, BotRunner.SERVICE_BLOCKING_THREADS)
                    .allMatch(name -> name.startsWith("vert.x-worker-thread-"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
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
