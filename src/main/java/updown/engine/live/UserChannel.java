package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireJson;

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
     * The trades in one frame (order events and PONGs give none). A trade event that {@link ClobWire#trade} cannot
     * read is skipped and named in {@link Frame#skipped()}; the caller logs it.
     *
     * @throws IllegalArgumentException when the frame is neither PONG nor a JSON object or array (one log line by the
     *                                  caller)
     */
    static Frame frame(String frame) {
        String text = frame == null ? "" : frame.strip();
        if (text.equalsIgnoreCase("PONG") || text.isEmpty()) {
            return new Frame(List.of(), List.of());
        }
        ParseResult<JsonNode> root = WireJson.guard(() -> WireJson.tree(text));
        if (!root.isOk() || !(root.value().isArray() || root.value().isObject())) {
            throw new IllegalArgumentException("user channel frame is not JSON");
        }
        List<JsonNode> events = new ArrayList<>();
        if (root.value().isArray()) {
            root.value().forEach(events::add);
        } else {
            events.add(root.value());
        }
        List<UserTrade> trades = new ArrayList<>();
        List<ParseError> skipped = new ArrayList<>();
        for (JsonNode e : events) {
            if (e != null && e.isObject() && "trade".equals(e.path("event_type").asText())) {
                ParseResult<VenueTrade> t = WireJson.guard(() -> ClobWire.trade(e));
                if (t.isOk()) {
                    trades.add(UserTrade.of(t.value()));
                } else {
                    skipped.add(t.error());
                }
            }
        }
        return new Frame(trades, skipped);
    }

    /** The trades in one frame; unreadable trade events are left out (see {@link #frame}). */
    static List<UserTrade> trades(String frame) {
        return frame(frame).trades();
    }

    /** What one frame held: its readable trades and why each unreadable trade event was skipped. */
    record Frame(List<UserTrade> trades, List<ParseError> skipped) {
        Frame {
            trades = List.copyOf(trades);
            skipped = List.copyOf(skipped);
        }
    }
}
