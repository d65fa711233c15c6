package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.testkit.PostgresServer;

/**
 * Two bot processes ({@code simulate} from the packaged jar, same exchange seed) on one PostgreSQL ledger. The
 * first takes the ledger's writer lock and trades; the second waits as a standby (its log says so, its /metrics says
 * {@code updown_ledger_writer 0}, it never ticks). kill -9 of the writer: the standby takes the lock, boots with
 * exactly the balance the ledger holds, and trades on. An independent reading of the database (plain JDBC, own SQL)
 * then finds every trade either process printed, one debit per trade, one credit per settled trade, no trade
 * settled by both, and the ledger adding up.
 */
@DisplayName("a fleet of two on PostgreSQL: kill -9 the writer, the standby takes over, nothing lost or settled twice")
class FleetFailoverIT {
    private static final Duration LIMIT = Duration.ofSeconds(40);
    private static final String SEED = "4242";

    @TempDir
    Path work;

    private final TreeSet<Long> printedTrades = new TreeSet<>();
    private final TreeMap<Long, String> settledBy = new TreeMap<>();

    @Test
    @DisplayName("the standby waits while the writer lives, takes over within seconds of its kill -9, and trades on")
    void standbyTakesOverFromAKilledWriter() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            pg.createDatabase("fleet", null);
            String jdbc = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/fleet";
            Path dataA = work.resolve("a");
            Path dataB = work.resolve("b");
            int metricsPort = freePort();
            Map<String, String> writerSettings = SimRun.busySettings(dataA);
            writerSettings.put("DB_URL", pg.url("fleet"));
            Map<String, String> standbySettings = SimRun.busySettings(dataB);
            standbySettings.put("DB_URL", pg.url("fleet"));
            standbySettings.put("METRICS_ENABLED", "true");
            standbySettings.put("METRICS_PORT", Integer.toString(metricsPort));

            JarProcess writer = simulate(writerSettings);
            JarProcess standby = null;
            try {
                SimRun.awaitFirstTick(writer, dataA.resolve("health"), null, LIMIT);
                standby = simulate(standbySettings);
                Path standbyLog = dataB.resolve("logs/updown.log");
                awaitTrue("the standby logs that it waits for the writer lock", standby,
                        () -> logContains(standbyLog, "waiting for its writer lock"));
                awaitTrue("the writer trades", writer, () -> writer.lines().stream()
                        .anyMatch(l -> SimRun.TRADE.matcher(l).find()));
                assertThat(scrape(metricsPort)).as("the standby's /metrics while it waits")
                        .contains("updown_ledger_writer 0.0");
                assertThat(SimRun.heartbeat(dataB.resolve("health"))).as("the standby never ticked").isNull();

                writer.kill();
                long killedAt = System.nanoTime();
                collect(writer.allLines(), "writer");
                LedgerAudit atKill = LedgerAudit.readPostgres(jdbc, PostgresServer.USER);
                assertThat(atKill.problems()).as("the ledger right after the kill").isEmpty();
                assertThat(atKill.trades().keySet()).as("every trade the writer printed is stored")
                        .containsAll(printedTrades);

                long tick = SimRun.awaitFirstTick(standby, dataB.resolve("health"), null, LIMIT);
                long takeoverMs = (tick - killedAt) / 1_000_000;
                assertThat(SimRun.bootBalances(standbyLog)).as("the standby boots with the ledger's balance")
                        .containsExactly(atKill.ledgerSum());
                assertThat(scrape(metricsPort)).as("the new writer's /metrics").contains("updown_ledger_writer 1.0");
                JarProcess newWriter = standby;
                int writerTrades = printedTrades.size();
                awaitTrue("the new writer trades and settles", newWriter, () -> newWriter.lines().stream()
                        .anyMatch(l -> SimRun.TRADE.matcher(l).find()) && newWriter.lines().stream()
                        .anyMatch(l -> SimRun.SETTLE.matcher(l).find()));
                assertThat(standby.terminate(Duration.ofSeconds(10))).as("SIGTERM stops it with exit 0")
                        .isEqualTo(0);
                collect(standby.allLines(), "standby");

                LedgerAudit end = LedgerAudit.readPostgres(jdbc, PostgresServer.USER);
                assertThat(end.problems()).as("the ledger at the end").isEmpty();
                assertThat(end.trades().keySet()).as("every trade either node printed is stored")
                        .containsAll(printedTrades);
                assertThat(end.ledgerSum()).as("ledger = deposits − Σ(amount + fee) + Σ payout")
                        .isEqualTo(end.recomputedBalance());
                for (Map.Entry<Long, String> s : settledBy.entrySet()) {
                    assertThat(end.trades().get(s.getKey()).status()).as("trade %d printed as settled by the %s",
                            s.getKey(), s.getValue()).isEqualTo("SETTLED");
                }
                long inheritedSettled = settledBy.entrySet().stream().filter(e -> e.getValue().equals("standby")
                        && atKill.trades().containsKey(e.getKey())).count();
                String report = String.format("fleet failover: writer printed %d trades; takeover kill -> first "
                                + "tick of the standby %d ms; the new writer settled %d trade(s) the killed one "
                                + "opened; at the end %d trades, %d settled, %d ledger entries%n",
                        writerTrades, takeoverMs, inheritedSettled, end.trades().size(), settledBy.size(),
                        end.ledger().size());
                System.out.print(report);
                Files.writeString(Path.of("target", "fleet-failover-report.txt"), report, StandardCharsets.UTF_8);
            } finally {
                writer.close();
                if (standby != null) {
                    standby.close();
                }
            }
        }
    }

    /** A node: its DATA_DIR (health file, logs) as the deliberate data folder, not a new simulate run folder. */
    private JarProcess simulate(Map<String, String> settings) throws IOException {
        return JarProcess.start(work, settings, List.of(JarProcess.containerFlags()), "simulate", "--windows",
                "100000", "--speed", "200", "--seed", SEED, "--data-dir", settings.get("DATA_DIR"));
    }

    /** Records what a process printed; a trade printed as settled by both nodes fails the test. */
    private void collect(List<String> lines, String node) {
        for (String line : lines) {
            Matcher t = SimRun.TRADE.matcher(line);
            if (t.find()) {
                printedTrades.add(Long.parseLong(t.group(1)));
            }
            Matcher s = SimRun.SETTLE.matcher(line);
            if (s.find()) {
                String before = settledBy.put(Long.parseLong(s.group(1)), node);
                assertThat(before).as("trade %s printed as settled twice", s.group(1)).isNull();
            }
        }
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls an outside process's state (every 20 ms, up to {@link #LIMIT}); fails early when the process died. */
    private static void awaitTrue(String what, JarProcess p, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) {
                throw new AssertionError(what + ": the process exited:\n" + p.stderrTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + LIMIT + "\n" + p.stderrTail());
            }
            Thread.sleep(20);
        }
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
