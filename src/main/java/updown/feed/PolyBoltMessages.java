package updown.feed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import updown.config.BotConfig;

/** The messages we send on PolyBolt (API-FACTS §4.3; the filter is a JSON object, not a string as on RTDS). */
final class PolyBoltMessages {

    private PolyBoltMessages() {
    }

    /** The auth frame; it holds the secret and passphrase, so it is sent and never logged. */
    static String auth(String rid, BotConfig.Live live) {
        return new JsonObject().put("op", "auth").put("rid", rid).put("auth", new JsonObject()
                .put("apiKey", live.apiKey().reveal())
                .put("secret", live.apiSecret().reveal())
                .put("passphrase", live.apiPassphrase().reveal())).encode();
    }

    /** {@code subscribe} or {@code unsubscribe} of the 60 s TWAP of each pair ("btc/usd"). */
    static String twap(String op, String rid, List<String> pairs) {
        JsonArray subs = new JsonArray();
        for (String p : pairs) {
            subs.add(new JsonObject().put("channel", PolyBoltParser.TWAP_CHANNEL).put("filter", new JsonObject()
                    .put("symbol", PolyBoltParser.symbol(p))
                    .put("window_seconds", PolyBoltParser.TWAP_WINDOW_MS / 1000)));
        }
        return new JsonObject().put("op", op).put("rid", rid).put("subscriptions", subs).encode();
    }
}
