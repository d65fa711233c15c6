package updown.feed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The messages we send on RTDS (API-FACTS §4.2). */
final class RtdsMessages {
    static final String PING = "PING";

    private RtdsMessages() {
    }

    /** Subscribes to the Chainlink stream of each symbol ("btc/usd"); the filter is a JSON string. */
    static String subscribeChainlink(List<String> symbols) {
        JsonArray subs = new JsonArray();
        for (String s : symbols) {
            subs.add(new JsonObject().put("topic", "crypto_prices_chainlink").put("type", "*")
                    .put("filters", new JsonObject().put("symbol", s).encode()));
        }
        return new JsonObject().put("action", "subscribe").put("subscriptions", subs).encode();
    }
}
