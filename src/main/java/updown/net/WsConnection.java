package updown.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.time.ClockScheduler;

/**
 * One websocket that keeps itself connected: connect (with the User-Agent and HTTP_TIMEOUT_MS), and after any
 * failure or close reconnect with exponential backoff plus jitter capped at RECONNECT_DELAY_MAX_MS, honouring
 * {@code Retry-After} on a rejected handshake (429/503). The backoff resets once a connection has delivered a
 * message. Heartbeats and silence detection are the owner's business (they differ per venue): the owner calls
 * {@link #restart} when it judges the socket dead. Use on the owning verticle's context.
 */
public final class WsConnection {
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    static final long RECONNECT_BASE_MS = 500;

    /** What the owner hears. All calls come on the owner's context. */
    public interface Listener {
        /** Connected: send subscriptions now. */
        void onOpen();

        /** One whole text message. */
        void onText(String text);

        /** Not connected any more (closed, failed, or a connect attempt failed); a reconnect is scheduled. */
        void onDown(String reason);

        /**
         * The server closed the socket with {@code code} (-1 without one). Venues with their own close codes answer
         * the least delay before reconnecting, or call {@link WsConnection#stop} here to reconnect no more. Called before
         * {@link #onDown}.
         */
        default OptionalLong onServerClose(int code, String reason) {
            return OptionalLong.empty();
        }
    }

    private enum State { IDLE, CONNECTING, OPEN, WAITING, STOPPED }

    private final Vertx vertx;
    private final ClockScheduler scheduler;
    private final BotConfig.MarketData cfg;
    private final URI url;
    private final Counters counters;
    private final Listener listener;
    private final FailureLog failures;
    private final Backoff backoff;
    private final String name;
    private WebSocketClient client;
    private WebSocket socket;
    private State state = State.IDLE;
    private boolean gotMessage;
    private long reconnectTask = -1;

    public WsConnection(Vertx vertx, ClockScheduler scheduler, BotConfig.MarketData cfg, URI url,
                        RandomGenerator random, Counters counters, String name, Listener listener) {
        this.vertx = vertx;
        this.scheduler = scheduler;
        this.cfg = cfg;
        this.url = url;
        this.counters = counters;
        this.name = name;
        this.listener = listener;
        this.failures = new FailureLog(LOG, name + " websocket " + Urls.redact(url.toString()));
        this.backoff = new Backoff(RECONNECT_BASE_MS, Math.max(RECONNECT_BASE_MS, cfg.reconnectDelayMaxMs()), random);
    }

    /** Starts connecting (idempotent). Never fails: an unreachable server just means retries. */
    public void start() {
        if (state != State.IDLE) {
            return;
        }
        client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, cfg.httpTimeoutMs()))
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(16 << 20)
                .setTryUsePerMessageCompression(false));
        connect();
    }

    public boolean isOpen() {
        return state == State.OPEN && socket != null;
    }

    /** Sends a text frame when connected; returns false (and sends nothing) otherwise. */
    public boolean send(String text) {
        if (!isOpen()) {
            return false;
        }
        socket.writeTextMessage(text).onFailure(e -> counters.inc("ws.send-failed"));
        return true;
    }

    /** Drops the current connection (e.g. judged silent) and reconnects after the usual backoff. */
    public void restart(String reason) {
        if (state == State.OPEN || state == State.CONNECTING) {
            WebSocket s = socket;
            down(reason);
            if (s != null) {
                s.close((short) 1000, reason.length() > 100 ? reason.substring(0, 100) : reason);
            }
        }
    }

    public Future<Void> stop() {
        State was = state;
        state = State.STOPPED;
        if (reconnectTask >= 0) {
            scheduler.cancel(reconnectTask);
        }
        Future<Void> closing = socket != null && was == State.OPEN ? socket.close() : Future.succeededFuture();
        socket = null;
        WebSocketClient c = client;
        client = null;
        return closing.transform(ignored -> c == null ? Future.succeededFuture() : c.close());
    }

    private void connect() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.CONNECTING;
        counters.inc("ws.connects");
        WebSocketConnectOptions o = new WebSocketConnectOptions()
                .setHost(url.getHost())
                .setPort(Urls.port(url))
                .setSsl(Urls.secure(url))
                .setURI(Urls.requestUri(url))
                .setConnectTimeout(cfg.httpTimeoutMs())
                .setTimeout(cfg.httpTimeoutMs())
                .putHeader("User-Agent", cfg.userAgent());
        client.connect(o).onComplete(ar -> {
            if (state == State.STOPPED) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                onConnectFailed(ar.cause());
                return;
            }
            WebSocket ws = ar.result();
            socket = ws;
            state = State.OPEN;
            gotMessage = false;
            counters.inc("ws.opened");
            ws.textMessageHandler(text -> {
                if (ws == socket) {
                    onMessage(text);
                }
            });
            ws.binaryMessageHandler(buf -> {
                if (ws == socket) {
                    onMessage(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
                }
            });
            ws.exceptionHandler(e -> {
                if (ws == socket) {
                    counters.inc("ws.errors");
                    down("socket error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    ws.close();
                }
            });
            ws.closeHandler(v -> {
                if (ws == socket) {
                    Short code = ws.closeStatusCode();
                    OptionalLong atLeast = listener.onServerClose(code == null ? -1 : code, ws.closeReason());
                    down("closed by server" + (code == null ? "" : " (" + code
                            + (ws.closeReason() == null ? "" : " " + ws.closeReason()) + ")"), atLeast);
                }
            });
            listener.onOpen();
        });
    }

    private void onMessage(String text) {
        if (!gotMessage) {
            gotMessage = true;
            backoff.reset();
            failures.success();
        }
        counters.inc("ws.messages");
        listener.onText(text);
    }

    private void onConnectFailed(Throwable cause) {
        OptionalLong retryAfter = OptionalLong.empty();
        String kind;
        if (cause instanceof UpgradeRejectedException r) {
            kind = "handshake rejected " + r.getStatus();
            retryAfter = RetryAfter.millis(r.getHeaders() == null ? null : r.getHeaders().get("Retry-After"),
                    scheduler.clock().instant());
            counters.inc(r.getStatus() == 429 ? "ws.rejected-429" : "ws.rejected");
        } else {
            kind = HttpJsonClient.classify(cause).kind().name();
            counters.inc("ws.connect-failed");
        }
        failures.failure(kind, String.valueOf(cause.getMessage()));
        socket = null;
        scheduleReconnect(retryAfter);
        listener.onDown("connect failed: " + kind);
    }

    private void down(String reason) {
        down(reason, OptionalLong.empty());
    }

    private void down(String reason, OptionalLong atLeastMs) {
        if (state == State.STOPPED || state == State.WAITING) {
            return;
        }
        socket = null;
        counters.inc("ws.down");
        failures.failure("disconnected", reason);
        scheduleReconnect(atLeastMs);
        listener.onDown(reason);
    }

    private void scheduleReconnect(OptionalLong atLeastMs) {
        state = State.WAITING;
        long delay = Math.max(backoff.next(), atLeastMs.orElse(0));
        reconnectTask = scheduler.after(delay, () -> {
            reconnectTask = -1;
            connect();
        });
        // counted after scheduling: a test that sees it may move the clock past the reconnect
        counters.inc("ws.reconnects-scheduled");
    }

    @Override
    public String toString() {
        return name + "[" + state + "]";
    }
}
