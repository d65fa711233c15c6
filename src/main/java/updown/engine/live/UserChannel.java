package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire of the authenticated user channel ({@code wss://ws-subscriptions-clob.polymarket.com/ws/user},
 * docs.polymarket.com/market-data/websocket/user-channel): the subscription carries the API credentials
 * ({@code {"auth":{"apiKey","secret","passphrase"},"markets":[],"type":"user"}}; an empty market list means every
 * market of the key), frames are one event object or an array of them, {@code event_type} "trade" or "order",
 * keep-alive {@code PING}/{@code PONG} text.
 */
final class UserChannel {
    static final String PING = "PING";
    private static final ObjectMapper JSON = new ObjectMapper();

    private UserChannel() {
    }

    /** The user channel next to the configured market channel: {@code …/ws/market} → {@code …/ws/user}. */
    static URI urlBeside(URI marketChannel) {
        String s = marketChannel.toString();
        return URI.create(s.endsWith("/market") ? s.substring(0, s.length() - "market".length()) + "user"
                : s.replaceAll("/+$", "") + "/user");
    }

    /** The subscription frame. It holds secrets: send it, never log it. */
    static String subscription(ApiCredentials c) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("auth").put("apiKey", c.apiKey().reveal()).put("secret", c.secret().reveal())
                .put("passphrase", c.passphrase().reveal());
        root.putArray("markets");
        root.put("type", "user");
        return root.toString();
    }

    /**
     * The trades in one frame (order events, PONGs and anything unreadable give none).
     *
     * @throws IllegalArgumentException when the frame is neither PONG nor JSON (one log line by the caller)
     */
    static List<UserTrade> trades(String frame) {
        String text = frame.strip();
        List<UserTrade> out = new ArrayList<>();
        if (text.equalsIgnoreCase("PONG") || text.isEmpty()) {
            return out;
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("user channel frame is not JSON");
        }
        List<JsonNode> events = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(events::add);
        } else {
            events.add(n);
        }
        for (JsonNode e : events) {
            if ("trade".equals(e.path("event_type").asText())) {
                UserTrade.of(e).ifPresent(out::add);
            }
        }
        return out;
    }
}
