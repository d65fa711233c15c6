package updown.market;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The messages we send on the CLOB market websocket (API-FACTS §3). */
final class ClobMessages {
    static final String PING = "PING";

    private ClobMessages() {
    }

    /** The first message after connecting: every token we follow, with the custom events enabled. */
    static String subscribe(List<String> tokenIds) {
        return new JsonObject().put("assets_ids", new JsonArray(List.copyOf(tokenIds))).put("type", "market")
                .put("custom_feature_enabled", true).encode();
    }

    /** Adds or removes tokens on an open connection; {@code op} is "subscribe" or "unsubscribe". */
    static String operation(String op, List<String> tokenIds) {
        return new JsonObject().put("assets_ids", new JsonArray(List.copyOf(tokenIds))).put("operation", op)
                .put("custom_feature_enabled", true).encode();
    }
}
