package updown.feed;

import static updown.net.WireJson.field;
import static updown.net.WireJson.has;
import static updown.net.WireJson.optString;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Reads PolyBolt frames (API-FACTS §4.3). Control frames carry {@code op}; data frames are envelopes with
 * {@code channel} and {@code seq}. Prices come from the exact {@code full_accuracy_value} when present, else the
 * decimal text of {@code value}, never through {@code double}. Symbols ("btcusd") become the pair form the rest of
 * the feed uses ("btc/usd"). Reports of {@code price.crypto.twap} are marked averaged over 60 s. Pure, static.
 */
final class PolyBoltParser {
    static final String TWAP_CHANNEL = "price.crypto.twap";
    static final long TWAP_WINDOW_MS = 60_000;

    private PolyBoltParser() {
    }

    static ParseResult<PolyBoltMessage> parse(String text) {
        if (text == null || text.isBlank()) {
            return ParseResult.ok(new PolyBoltMessage.Other("empty"));
        }
        return WireJson.guard(() -> {
            JsonNode root = WireJson.object(WireJson.tree(text), "frame");
            if (has(root, "op")) {
                String op = WireJson.string(root, "op");
                return switch (op) {
                    case "authed" -> new PolyBoltMessage.Authed(optString(root, "rid"));
                    case "subscribed" -> new PolyBoltMessage.Subscribed(optString(root, "channel"), optString(root, "rid"));
                    case "error" -> new PolyBoltMessage.Error(optString(root, "code"), optString(root, "channel"),
                            optString(root, "rid"));
                    default -> new PolyBoltMessage.Other(clip(op));
                };
            }
            String channel = WireJson.string(root, "channel");
            long seq = WireJson.longValue(root, "seq");
            boolean snapshot = WireJson.bool(root, "snapshot", false);
            long dropped = has(root, "dropped") ? Math.max(0, WireJson.longValue(root, "dropped")) : 0;
            JsonNode payload = WireJson.object(field(root, "payload"), "payload");
            String symbol = pair(WireJson.string(payload, "symbol"));
            long averagedMs = TWAP_CHANNEL.equals(channel) ? TWAP_WINDOW_MS : 0;
            List<ReferenceTick> ticks = new ArrayList<>();
            if (snapshot) {
                for (JsonNode d : WireJson.array(payload, "data")) {
                    ticks.add(tick(WireJson.object(d, "data point"), symbol, averagedMs));
                }
            } else {
                ticks.add(tick(payload, symbol, averagedMs));
            }
            return new PolyBoltMessage.Data(channel, seq, snapshot, dropped, ticks);
        });
    }

    /** "btcusd" → "btc/usd" (PolyBolt symbols are lower case and end in usd). */
    static String pair(String symbol) {
        String s = symbol.strip().toLowerCase(Locale.ROOT);
        if (s.length() <= 3 || !s.endsWith("usd") || s.length() > 20) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "symbol '" + clip(s) + "'");
        }
        return s.substring(0, s.length() - 3) + "/usd";
    }

    /** "btc/usd" → "btcusd". */
    static String symbol(String pair) {
        return pair.replace("/", "");
    }

    private static ReferenceTick tick(JsonNode p, String symbol, long averagedMs) {
        long ts = WireJson.longValue(p, "timestamp");
        if (ts <= 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "non-positive timestamp");
        }
        long micros = has(p, "full_accuracy_value")
                ? RtdsParser.fullAccuracy(WireJson.asString(p.get("full_accuracy_value"), "full_accuracy_value").strip())
                : Micros.fromBigDecimal(WireJson.decimal(field(p, "value"), "value"));
        if (micros <= 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "non-positive price");
        }
        return new ReferenceTick(symbol, Instant.ofEpochMilli(ts), micros, averagedMs);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
