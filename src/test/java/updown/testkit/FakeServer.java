package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.time.Clock;

/**
 * Base of the loopback fakes of external services: one Vert.x HTTP server on 127.0.0.1 (ephemeral port) serving
 * REST and websocket, recording every request, with scripted faults per path prefix (an HTTP status with headers
 * and body, or no answer at all so the client times out), websocket drop and freeze. Subclasses answer in the real
 * wire format. Safe to drive from the test thread.
 */
public abstract class FakeServer {

    /** One request as the fake saw it, stamped with the fake's clock. */
    public record Recorded(String method, String path, MultiMap params, MultiMap headers, Instant at) {
        public String param(String name) {
            return params.get(name);
        }

        public String query() {
            StringBuilder sb = new StringBuilder();
            params.forEach(e -> sb.append(sb.length() == 0 ? "" : "&").append(e.getKey()).append('=').append(e.getValue()));
            return sb.toString();
        }
    }

    /** A scripted answer: HTTP status + headers + body, or {@code hang} (never answer). */
    public record Fault(String pathPrefix, int status, Map<String, String> headers, String body, boolean hang) {
    }

    protected final Vertx vertx;
    protected final Clock clock;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    protected final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean frozen = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger refuseWs = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int wsConnections;

    protected FakeServer(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Binds 127.0.0.1 on an ephemeral port. */
    protected Future<Void> listen() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(16 << 20));
        server.webSocketHandshakeHandler(h -> {
            int refuse = refuseWs.get();
            if (refuse > 0) {
                h.reject(refuse);
            } else {
                h.accept();
            }
        });
        server.webSocketHandler(ws -> {
            synchronized (this) {
                wsConnections++;
            }
            sockets.add(ws);
            ws.closeHandler(v -> sockets.remove(ws));
            ws.textMessageHandler(text -> {
                received.add(text);
                if (!frozen.get()) {
                    onWsText(ws, text);
                }
            });
            onWsOpen(ws);
        });
        server.requestHandler(req -> {
            requests.add(new Recorded(req.method().name(), req.path(), MultiMap.caseInsensitiveMultiMap().addAll(req.params()),
                    MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), clock.instant()));
            Fault f = takeFault(req.path());
            if (f != null) {
                if (f.hang()) {
                    return;
                }
                f.headers().forEach((k, v) -> req.response().putHeader(k, v));
                req.response().setStatusCode(f.status()).end(f.body() == null ? "" : f.body());
                return;
            }
            onRequest(req);
        });
        return server.listen().mapEmpty();
    }

    protected abstract void onRequest(HttpServerRequest req);

    protected void onWsOpen(ServerWebSocket ws) {
    }

    protected void onWsText(ServerWebSocket ws, String text) {
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** {@code ws://127.0.0.1:<port><path>} */
    public URI wsUrl(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    // ---- faults -------------------------------------------------------------------------------------------

    /** The next {@code times} requests whose path starts with {@code pathPrefix} get this answer. */
    public synchronized FakeServer failNext(String pathPrefix, int times, int status, Map<String, String> headers,
                                            String body) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(pathPrefix, status, headers, body, false));
        }
        return this;
    }

    /** The next {@code times} matching requests are never answered (the client must time out). */
    public synchronized FakeServer hangNext(String pathPrefix, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(pathPrefix, 0, Map.of(), null, true));
        }
        return this;
    }

    /** Drops every scripted fault not yet used. */
    public synchronized FakeServer clearFaults() {
        faults.clear();
        return this;
    }

    private synchronized Fault takeFault(String path) {
        for (Fault f : faults) {
            if (path.startsWith(f.pathPrefix())) {
                faults.remove(f);
                return f;
            }
        }
        return null;
    }

    // ---- websocket controls -------------------------------------------------------------------------------

    /** Sends a text frame to every connected websocket (unless frozen). */
    public void sendToAll(String text) {
        if (frozen.get()) {
            return;
        }
        for (ServerWebSocket ws : sockets) {
            ws.writeTextMessage(text);
        }
    }

    /** Closes every websocket connection (the client sees the server drop it). */
    public void dropConnections() {
        for (ServerWebSocket ws : sockets) {
            ws.close();
        }
    }

    /** While frozen, sockets stay open but nothing is sent or answered (not even PONG). */
    public void freeze(boolean on) {
        frozen.set(on);
    }

    /** While {@code status > 0}, websocket handshakes are rejected with that HTTP status (0 accepts again). */
    public void refuseWebSockets(int status) {
        refuseWs.set(status);
    }

    public boolean frozen() {
        return frozen.get();
    }

    public int openSockets() {
        return sockets.size();
    }

    public synchronized int wsConnections() {
        return wsConnections;
    }

    /** Every text message clients sent, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    // ---- request log ---------------------------------------------------------------------------------------

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(Predicate<Recorded> filter) {
        return requests.stream().filter(filter).toList();
    }

    public long count(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
