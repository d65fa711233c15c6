package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import updown.app.StopSignal;
import updown.app.ExitCodes;

@ExtendWith(VertxExtension.class)
@DisplayName("simulate --exchange-only serves the simulated exchange alone for a bot in another process")
class SimulateExchangeOnlyTest {

    @Test
    @DisplayName("it prints the six *_URL settings on 127.0.0.1, its Gamma lists every configured market's windows,"
            + " and a stop ends it with exit 0 without writing a data folder")
    void servesUntilStopped(Vertx vertx, @TempDir Path workDir) throws Exception {
        StopSignal stop = StopSignal.manual();
        CompletableFuture<JsonArray> gammaEvents = new CompletableFuture<>();
        WebClient web = WebClient.create(vertx);
        // the last setting printed is RTDS_WS_URL: then every one is there and the exchange is listening
        SimulateCommandE2eTest.LineWatcher out = new SimulateCommandE2eTest.LineWatcher(line -> {
            if (line.startsWith("GAMMA_API_URL=")) {
                web.getAbs(line.substring("GAMMA_API_URL=".length()) + "/events?closed=false&limit=500").send()
                        .onComplete(ar -> {
                            if (ar.succeeded()) {
                                gammaEvents.complete(ar.result().bodyAsJsonArray());
                            } else {
                                gammaEvents.completeExceptionally(ar.cause());
                            }
                        });
            } else if (line.startsWith("RTDS_WS_URL=")) {
                gammaEvents.whenComplete((events, err) -> stop.request());
            }
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SimulateCommand simulate = new SimulateCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workDir,
                Map.of("DATA_DIR", workDir.resolve("data").toString(), "MARKETS", "btc-5m,eth-15m")), () -> stop);

        int exit = new CommandLine(simulate).execute("--exchange-only", "--windows", "3", "--seed", "5");

        List<String> lines = out.text().lines().toList();
        assertThat(exit).as("exit code; stdout: %s%nstderr: %s", lines, err).isZero();
        assertThat(lines.get(0)).startsWith("# simulated exchange for btc-5m,eth-15m, 3 window(s) with seed 5");
        assertThat(lines.subList(1, lines.size())).satisfiesExactly(
                l -> assertThat(l).matches("GAMMA_API_URL=http://127\\.0\\.0\\.1:\\d+"),
                l -> assertThat(l).matches("CLOB_API_URL=http://127\\.0\\.0\\.1:\\d+"),
                l -> assertThat(l).matches("CLOB_WS_URL=ws://127\\.0\\.0\\.1:\\d+/ws/market"),
                l -> assertThat(l).matches("BINANCE_REST_URL=http://127\\.0\\.0\\.1:\\d+"),
                l -> assertThat(l).matches("BINANCE_WS_URL=ws://127\\.0\\.0\\.1:\\d+"),
                l -> assertThat(l).matches("RTDS_WS_URL=ws://127\\.0\\.0\\.1:\\d+"));
        JsonArray events = gammaEvents.get(30, TimeUnit.SECONDS);
        assertThat(events.stream().map(e -> ((io.vertx.core.json.JsonObject) e).getString("slug")))
                .as("Gamma lists both series")
                .anyMatch(slug -> slug.startsWith("btc-updown-5m-"))
                .anyMatch(slug -> slug.startsWith("eth-updown-15m-"));
        assertThat(workDir.resolve("data")).as("the exchange writes nothing").doesNotExist();
    }

    @Test
    @DisplayName("a --speed other than 1 is a usage error: the bot in the other process reads the wall clock")
    void onlyAtOneX(@TempDir Path workDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SimulateCommand simulate = new SimulateCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workDir,
                Map.of("DATA_DIR", workDir.resolve("data").toString())), StopSignal::manual);

        int exit = new CommandLine(simulate).execute("--exchange-only", "--speed", "60");

        assertThat(exit).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("--speed 60: --exchange-only runs at 1x (the bot's `run` reads the wall clock)");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
