package updown.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test websocket client: collects text frames in arrival order; {@link #next()} waits (bounded) for the next one.
 * Frames of one connection arrive in the order sent, so a request whose answer is known (PING → PONG) works as a
 * barrier: everything sent before it has arrived once its answer has.
 */
final class WsProbe {
    static final long WAIT_S = 10;

    private final WebSocketClient client;
    private final WebSocket ws;
    private final LinkedBlockingQueue<String> frames;
    private final CompletableFuture<Short> closed;

    private WsProbe(WebSocketClient client, WebSocket ws, LinkedBlockingQueue<String> frames,
                    CompletableFuture<Short> closed) {
        this.client = client;
        this.ws = ws;
        this.frames = frames;
        this.closed = closed;
    }

    static WsProbe connect(Vertx vertx, String url) {
        URI u = URI.create(url);
        WebSocketClient client = vertx.createWebSocketClient();
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        CompletableFuture<Short> closed = new CompletableFuture<>();
        String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(u.getHost()).setPort(u.getPort())
                .setURI(path);
        try {
            WebSocket ws = client.connect(o).map(s -> {
                // handlers go on before anyone can send: nothing is lost between connect and registration
                s.textMessageHandler(frames::add);
                s.closeHandler(v -> closed.complete(s.closeStatusCode()));
                return s;
            }).await(WAIT_S, TimeUnit.SECONDS);
            return new WsProbe(client, ws, frames, closed);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("websocket connect timed out: " + url, e);
        }
    }

    void send(String text) {
        try {
            ws.writeTextMessage(text).await(WAIT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("send timed out", e);
        }
    }

    /** The next frame, waiting up to 10 s. */
    String next() {
        try {
            String f = frames.poll(WAIT_S, TimeUnit.SECONDS);
            if (f == null) {
                fail("no frame within " + WAIT_S + " s");
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends {@code request} and returns every frame that arrives before the one matching {@code answer}. */
    List<String> until(String request, Predicate<String> answer) {
        send(request);
        List<String> out = new ArrayList<>();
        while (true) {
            String f = next();
            if (answer.test(f)) {
                return out;
            }
            out.add(f);
        }
    }

    /** PING → PONG barrier (CLOB, RTDS). */
    List<String> sync() {
        return until("PING", "PONG"::equals);
    }

    /** Frames received so far, without waiting. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    /** Waits for the server to close this socket; returns its close code. */
    Short awaitClose() {
        try {
            return closed.get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + WAIT_S + " s", e);
        }
    }

    boolean isClosed() {
        return ws.isClosed();
    }

    void close() {
        if (!ws.isClosed()) {
            ws.close();
        }
        client.close();
    }

    static void assertNoFrames(List<String> frames) {
        assertThat(frames).isEmpty();
    }
}
