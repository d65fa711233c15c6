package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code simulate --cluster} processes from the packaged jar on 127.0.0.1, each trading its own market on its
 * own loopback exchange with its own ledger, form one cluster. Node a's {@code /api/fleet} lists all three with their
 * markets and their trades; a stop from a's dashboard stops every node and a resume resumes them. kill -9 of node c:
 * a and b show it gone within a bound, and both keep ticking and trading.
 */
@DisplayName("a clustered fleet of three: one dashboard lists and controls all; kill -9 one, the others trade on")
class ClusterFleetIT {
    private static final Duration LIMIT = Duration.ofSeconds(40);
    private static final String TOKEN = "fleet-test-token";
    /** The fleet view's silence bound (FleetVerticle.GONE_AFTER_MS) plus the time to poll and load. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(6);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    @DisplayName("three nodes, three markets, one fleet view; stop/resume reach every node; a killed node is gone, "
            + "the rest trade on")
    void fleetOfThree() throws Exception {
        List<Integer> clusterPorts = List.of(freePort(), freePort(), freePort());
        String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        Map<String, String> markets = new LinkedHashMap<>();
        markets.put("a", "btc-5m");
        markets.put("b", "eth-5m");
        markets.put("c", "sol-5m");
        Map<String, Integer> dashboards = new LinkedHashMap<>();
        Map<String, JarProcess> nodes = new LinkedHashMap<>();
        try {
            int i = 0;
            for (Map.Entry<String, String> m : markets.entrySet()) {
                String name = m.getKey();
                Map<String, String> settings = SimRun.busySettings(work.resolve(name));
                int dashboard = freePort();
                dashboards.put(name, dashboard);
                settings.put("DASHBOARD_PORT", Integer.toString(dashboard));
                settings.put("DASHBOARD_TOKEN", TOKEN);
                settings.put("MARKETS", m.getValue());
                settings.put("CLUSTER_NODE_NAME", name);
                settings.put("CLUSTER_PORT", Integer.toString(clusterPorts.get(i++)));
                settings.put("CLUSTER_MEMBERS", members);
                nodes.put(name, JarProcess.start(work, settings, List.of(JarProcess.containerFlags()), "simulate",
                        "--cluster", "--windows", "100000", "--speed", "200", "--seed", "77"));
            }
            int a = dashboards.get("a");

            JsonObject all = await("node a's fleet view lists the three nodes alive", nodes, a,
                    f -> f.getJsonArray("nodes").size() == 3 && f.getInteger("alive") == 3);
            assertThat(all.getBoolean("clustered")).isTrue();
            assertThat(all.getString("self")).isEqualTo("a");
            assertThat(byNode(all).values()).extracting(n -> n.getJsonArray("markets").getList())
                    .containsExactly(List.of("btc-5m"), List.of("eth-5m"), List.of("sol-5m"));
            JsonObject trading = await("node a's fleet view holds trades of every node, each in its own market",
                    nodes, a, f -> tradingNodes(f).containsAll(List.of("a", "b", "c")));
            for (Object o : trading.getJsonArray("trades")) {
                JsonObject t = (JsonObject) o;
                assertThat(t.getString("slug")).as("a trade of node %s", t.getString("node"))
                        .startsWith(markets.get(t.getString("node")).replace("-5m", "-updown-5m-"));
            }

            HttpResponse<String> stop = post(a, "/api/fleet/stop");
            assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
            assertThat(new JsonObject(stop.body()).getInteger("nodesAlive")).isEqualTo(3);
            await("node b sees every node stopped", nodes, dashboards.get("b"),
                    f -> byNode(f).values().stream().allMatch(n -> n.getString("trading").equals("stopped")));
            HttpResponse<String> resume = post(a, "/api/fleet/resume");
            assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
            await("node c sees every node running again", nodes, dashboards.get("c"),
                    f -> byNode(f).values().stream().allMatch(n -> n.getString("trading").equals("running")));

            long lastTradeOfB = lastTradeId(fleet(a), "b");
            String tickOfB = byNode(fleet(a)).get("b").getString("lastTick");
            int linesOfA = nodes.get("a").lines().size();
            nodes.get("c").kill();
            long killedAt = System.nanoTime();
            await("node a hears a new tick of b", nodes, a,
                    f -> !Objects.equals(byNode(f).get("b").getString("lastTick"), tickOfB));
            long nextTickMs = (System.nanoTime() - killedAt) / 1_000_000;
            JsonObject gone = await("node a shows c gone", nodes, a,
                    f -> !byNode(f).get("c").getBoolean("alive"));
            long goneMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertThat(Duration.ofMillis(goneMs)).as("kill -9 to 'gone' in the fleet view").isLessThan(GONE_WITHIN);
            assertThat(byNode(gone).get("a").getBoolean("alive")).isTrue();
            assertThat(byNode(gone).get("b").getBoolean("alive")).isTrue();
            assertThat(gone.getInteger("alive")).isEqualTo(2);
            await("node b shows c gone too", nodes, dashboards.get("b"),
                    f -> !byNode(f).get("c").getBoolean("alive"));
            await("b trades on after the kill (seen on a's fleet view)", nodes, a,
                    f -> lastTradeId(f, "b") > lastTradeOfB);
            JarProcess nodeA = nodes.get("a");
            awaitLines("a trades on after the kill", nodeA, linesOfA);

            assertThat(nodes.get("a").terminate(Duration.ofSeconds(15))).as("SIGTERM stops a with exit 0")
                    .isEqualTo(0);
            assertThat(nodes.get("b").terminate(Duration.ofSeconds(15))).as("SIGTERM stops b with exit 0")
                    .isEqualTo(0);
            String report = String.format("cluster failover: 3 nodes; kill -9 of c -> 'gone' in a's fleet view %d ms; "
                    + "b's next tick seen on a's view %d ms after the kill%n", goneMs, nextTickMs);
            System.out.print(report);
            Files.writeString(Path.of("target", "cluster-failover-report.txt"), report, StandardCharsets.UTF_8);
        } finally {
            for (JarProcess p : nodes.values()) {
                p.close();
            }
        }
    }

    private static Map<String, JsonObject> byNode(JsonObject fleet) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (Object o : fleet.getJsonArray("nodes")) {
            JsonObject n = (JsonObject) o;
            out.put(n.getString("node"), n);
        }
        return out;
    }

    private static List<String> tradingNodes(JsonObject fleet) {
        List<String> out = new ArrayList<>();
        for (Object o : fleet.getJsonArray("trades", new JsonArray())) {
            out.add(((JsonObject) o).getString("node"));
        }
        return out;
    }

    private static long lastTradeId(JsonObject fleet, String node) {
        long max = 0;
        for (Object o : fleet.getJsonArray("trades")) {
            JsonObject t = (JsonObject) o;
            if (t.getString("node").equals(node)) {
                max = Math.max(max, t.getLong("id"));
            }
        }
        return max;
    }

    private static JsonObject fleet(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/fleet")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/fleet answered " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls a node's /api/fleet (every 50 ms, up to {@link #LIMIT}) until {@code condition} holds; fails early when a
     * live node exited. A dashboard not up yet counts as "not yet".
     */
    private static JsonObject await(String what, Map<String, JarProcess> nodes, int port,
                                    Predicate<JsonObject> condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, JarProcess> n : nodes.entrySet()) {
                if (!n.getValue().isAlive() && n.getValue().process().exitValue() != 137) {
                    throw new AssertionError(what + ": node " + n.getKey() + " exited:\n"
                            + n.getValue().stderrTail());
                }
            }
            try {
                JsonObject f = fleet(port);
                last = f.encode();
                if (condition.test(f)) {
                    return f;
                }
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": not within " + LIMIT + "; last answer: " + last);
    }

    private static void awaitLines(String what, JarProcess p, int before) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (p.lines().stream().skip(before).anyMatch(l -> SimRun.TRADE.matcher(l).find())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": no TRADE line within " + LIMIT + "\n" + p.stderrTail());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
