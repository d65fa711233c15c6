package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.atomic.AtomicLong;
import updown.config.Secret;

/**
 * A Polygon JSON-RPC 2.0 client over HTTP POST (Vert.x {@link WebClient}). One request per call, no retries here:
 * the caller decides what a failure means. Every failure is a {@link ChainFailure} with one readable line; the
 * endpoint URL is never part of it (a provider URL usually carries an API key).
 */
final class PolygonRpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 160;

    private final WebClient client;
    private final Secret url;
    private final long timeoutMs;
    private final AtomicLong ids = new AtomicLong();

    PolygonRpc(Vertx vertx, Secret url, long timeoutMs) {
        this.url = url;
        this.timeoutMs = timeoutMs;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs)));
    }

    /** Calls {@code method}; the future holds the {@code result} node (may be JSON null) or fails with a ChainFailure. */
    Future<JsonNode> call(String method, Object... params) {
        ObjectNode req = JSON.createObjectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", ids.incrementAndGet());
        req.put("method", method);
        ArrayNode ps = req.putArray("params");
        for (Object p : params) {
            ps.addPOJO(p);
        }
        String body;
        try {
            body = JSON.writeValueAsString(req);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Future.failedFuture(ChainFailure.retryable(method + ": request not encodable"));
        }
        Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent;
        try {
            sent = client.postAbs(url.reveal()).timeout(timeoutMs).putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(body, "UTF-8"));
        } catch (RuntimeException e) { // a malformed URL is refused by the config check; never echo it anyway
            return Future.failedFuture(ChainFailure.retryable(method + ": Polygon RPC unusable ("
                    + e.getClass().getSimpleName() + ")"));
        }
        return sent.transform(ar -> {
            if (ar.failed()) {
                return Future.failedFuture(ChainFailure.retryable(method + ": Polygon RPC unreachable ("
                        + ar.cause().getClass().getSimpleName() + ")"));
            }
            return Future.succeededFuture(result(method, ar.result().statusCode(), ar.result().bodyAsString("UTF-8")));
        });
    }

    private static JsonNode result(String method, int status, String body) {
        if (status == 429) {
            throw ChainFailure.retryable(method + ": Polygon RPC rate limit (HTTP 429)");
        }
        if (status < 200 || status >= 300) {
            throw ChainFailure.retryable(method + ": Polygon RPC HTTP " + status);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw ChainFailure.retryable(method + ": Polygon RPC answer is not a JSON-RPC object");
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            throw new RpcError(method, error.path("code").asLong(0), clip(error.path("message").asText("")));
        }
        if (!root.has("result")) {
            throw ChainFailure.retryable(method + ": Polygon RPC answer has neither result nor error");
        }
        return root.get("result");
    }

    private static String clip(String s) {
        String clean = s.replaceAll("[\\r\\n\\t]", " ");
        return clean.length() > MAX_ERROR_TEXT ? clean.substring(0, MAX_ERROR_TEXT) + "…" : clean;
    }

    void close() {
        client.close();
    }

    /** The node answered a JSON-RPC error object (e.g. "nonce too low", "already known", an execution revert). */
    static final class RpcError extends ChainFailure {
        private static final long serialVersionUID = 1L;
        private final long code;
        private final String text;

        RpcError(String method, long code, String text) {
            super(method + ": node error " + code + " " + text, Retry.NEXT_CHECK);
            this.code = code;
            this.text = text;
        }

        long code() {
            return code;
        }

        /** The node's message, lower-case, for the few cases the sender tells apart. */
        String text() {
            return text.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
