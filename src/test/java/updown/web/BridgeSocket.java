package updown.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * A browser's side of the event-bus bridge without a browser: the SockJS WebSocket transport as the SockJS client
 * uses it (wait for the open frame {@code o}, then frames {@code a[...]} carrying JSON strings; {@code h} is a
 * heartbeat), speaking the bridge's messages ({@code register}, {@code send}, {@code publish} out; {@code rec} and
 * {@code err} back). Messages are handed out in arrival order.
 */
final class BridgeSocket {
    /** Held so the client is not collected (Vert.x closes the connections of an unreachable client). */
    private final WebSocketClient client;
    private final WebSocket socket;
    private final Promise<BridgeSocket> opened = Promise.promise();
    private final Deque<JsonObject> messages = new ArrayDeque<>();
    private final Deque<Promise<JsonObject>> waiting = new ArrayDeque<>();

    private BridgeSocket(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.handler(data -> frame(data.toString()));
    }

    /** Connects and completes once the server has opened the SockJS session (so nothing sent is lost). */
    static Future<BridgeSocket> connect(Vertx vertx, int port) {
        return connect(vertx, port, null);
    }

    /** As a browser on page {@code origin} would connect (null: a non-browser client without an Origin). */
    static Future<BridgeSocket> connect(Vertx vertx, int port, String origin) {
        String session = UUID.randomUUID().toString().replace("-", "");
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI(DashboardVerticle.BRIDGE_PATH + "/000/" + session + "/websocket");
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        WebSocketClient client = vertx.createWebSocketClient();
        return client.connect(options).compose(ws -> new BridgeSocket(client, ws).opened.future());
    }

    private void frame(String text) {
        if (text.startsWith("o")) {
            opened.tryComplete(this);
        } else if (text.startsWith("a")) {
            JsonArray payloads = new JsonArray(text.substring(1));
            for (int i = 0; i < payloads.size(); i++) {
                arrived(new JsonObject(payloads.getString(i)));
            }
        }
    }

    private synchronized void arrived(JsonObject message) {
        Promise<JsonObject> p = waiting.poll();
        if (p != null) {
            p.complete(message);
        } else {
            messages.add(message);
        }
    }

    /** The next bridge message from the server, in order. */
    synchronized Future<JsonObject> next() {
        JsonObject m = messages.poll();
        if (m != null) {
            return Future.succeededFuture(m);
        }
        Promise<JsonObject> p = Promise.promise();
        waiting.add(p);
        return p.future();
    }

    Future<Void> write(JsonObject message) {
        return socket.writeTextMessage(new JsonArray().add(message.encode()).encode());
    }

    Future<Void> close() {
        return socket.close().eventually(client::close);
    }

    Future<Void> register(String address) {
        return write(new JsonObject().put("type", "register").put("address", address));
    }
}
