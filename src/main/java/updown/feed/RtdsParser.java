package updown.feed;

import static updown.net.WireJson.field;
import static updown.net.WireJson.has;
import static updown.net.WireJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import updown.domain.Micros;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireException;
import updown.net.WireJson;

/**
 * Reads RTDS frames. The exact {@code full_accuracy_value} (price × 10<sup>18</sup> as an integer string) is
 * preferred over the float {@code value}, which is read from its decimal text, never through {@code double}.
 * Note the subscribe reply says {@code topic:"crypto_prices"} even for the Chainlink subscription. Pure, static.
 */
final class RtdsParser {
    private static final int E18 = 18;

    private RtdsParser() {
    }

    static ParseResult<RtdsMessage> parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("PONG")) {
            return ParseResult.ok(new RtdsMessage.KeepAlive());
        }
        return WireJson.guard(() -> {
            JsonNode root = WireJson.object(WireJson.tree(text), "frame");
            String type = string(root, "type");
            String topic = string(root, "topic");
            JsonNode payload = WireJson.object(field(root, "payload"), "payload");
            return switch (type) {
                case "update" -> new RtdsMessage.Update(topic, tick(payload, symbol(payload)));
                case "subscribe" -> {
                    String symbol = symbol(payload);
                    List<ReferenceTick> ticks = new ArrayList<>();
                    for (JsonNode d : WireJson.array(payload, "data")) {
                        ticks.add(tick(WireJson.object(d, "data point"), symbol));
                    }
                    yield new RtdsMessage.Snapshot(ticks);
                }
                default -> throw new WireException(ParseError.Kind.UNKNOWN_EVENT, "type '" + clip(type) + "'");
            };
        });
    }

    private static String symbol(JsonNode payload) {
        return string(payload, "symbol").strip().toLowerCase(Locale.ROOT);
    }

    private static ReferenceTick tick(JsonNode p, String symbol) {
        long ts = WireJson.longValue(p, "timestamp");
        if (ts <= 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "non-positive timestamp");
        }
        long micros;
        if (has(p, "full_accuracy_value")) {
            String fav = WireJson.asString(p.get("full_accuracy_value"), "full_accuracy_value").strip();
            micros = fullAccuracy(fav);
        } else {
            micros = Micros.fromBigDecimal(WireJson.decimal(field(p, "value"), "value"));
        }
        if (micros <= 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "non-positive price");
        }
        return new ReferenceTick(symbol, Instant.ofEpochMilli(ts), micros);
    }

    /** An E18 integer string ("76904863081625670000000") or, from newer feeds, an exact decimal string. */
    static long fullAccuracy(String fav) {
        if (fav.isEmpty() || fav.length() > 60) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "full_accuracy_value length");
        }
        try {
            if (fav.indexOf('.') >= 0) {
                return Micros.fromBigDecimal(new BigDecimal(fav));
            }
            return Micros.fromBigDecimal(new BigDecimal(new BigInteger(fav), E18));
        } catch (NumberFormatException e) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "full_accuracy_value is not a number");
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
