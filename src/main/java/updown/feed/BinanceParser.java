package updown.feed;

import static updown.net.WireJson.field;
import static updown.net.WireJson.has;
import static updown.net.WireJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import updown.domain.Candle;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireException;
import updown.net.WireJson;

/**
 * Reads Binance frames and REST klines (API-FACTS §5). Websocket frames may be raw or wrapped by the combined
 * stream ({@code {"stream":…,"data":{…}}}). Prices are exact decimals. Pure, static.
 */
final class BinanceParser {
    private BinanceParser() {
    }

    static ParseResult<BinanceMessage> parseWs(String text) {
        return WireJson.guard(() -> {
            JsonNode root = WireJson.object(WireJson.tree(text), "frame");
            if (has(root, "stream") && has(root, "data")) {
                root = WireJson.object(root.get("data"), "data");
            }
            if (root.has("result") && has(root, "id")) {
                return new BinanceMessage.Ack(WireJson.longValue(root, "id"));
            }
            String type = string(root, "e");
            return switch (type) {
                case "kline" -> kline(root);
                case "serverShutdown" -> new BinanceMessage.ServerShutdown(WireJson.longValue(root, "E"));
                default -> throw new WireException(ParseError.Kind.UNKNOWN_EVENT, "event '" + clip(type) + "'");
            };
        });
    }

    private static BinanceMessage kline(JsonNode root) {
        JsonNode k = WireJson.object(field(root, "k"), "k");
        long open = WireJson.longValue(k, "t");
        long close = WireJson.longValue(k, "T");
        if (open < 0 || close <= open) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "kline close time not after open time");
        }
        Candle c = candle(open, WireJson.micros(k, "o"), WireJson.micros(k, "h"), WireJson.micros(k, "l"),
                WireJson.micros(k, "c"), WireJson.micros(k, "v"), WireJson.bool(k, "x", false));
        return new BinanceMessage.Kline(string(k, "s"), string(k, "i"), c, WireJson.longValue(root, "E"));
    }

    /**
     * REST {@code /api/v3/klines} rows {@code [openTime, o, h, l, c, v, closeTime, …]}. A row counts as closed when
     * its close time is before {@code now}; the still-forming last row is returned with {@code closed=false}.
     */
    static ParseResult<List<Candle>> parseRestKlines(String body, Instant now) {
        return WireJson.guard(() -> {
            JsonNode root = WireJson.tree(body);
            if (!root.isArray()) {
                if (root.isObject() && has(root, "msg")) {
                    throw new WireException(ParseError.Kind.BAD_VALUE, "error answer: " + clip(root.get("msg").asText()));
                }
                throw new WireException(ParseError.Kind.WRONG_TYPE, "klines: expected a list, got "
                        + WireJson.typeOf(root));
            }
            List<Candle> out = new ArrayList<>(root.size());
            for (JsonNode row : root) {
                if (row == null || !row.isArray() || row.size() < 7) {
                    throw new WireException(ParseError.Kind.WRONG_TYPE, "kline row is not a list of >= 7 values");
                }
                long open = WireJson.asLong(row.get(0), "openTime");
                long close = WireJson.asLong(row.get(6), "closeTime");
                if (open < 0 || close <= open) {
                    throw new WireException(ParseError.Kind.BAD_VALUE, "kline close time not after open time");
                }
                out.add(candle(open, WireJson.microsOf(row.get(1), "open"), WireJson.microsOf(row.get(2), "high"),
                        WireJson.microsOf(row.get(3), "low"), WireJson.microsOf(row.get(4), "close"),
                        WireJson.microsOf(row.get(5), "volume"), close < now.toEpochMilli()));
            }
            return out;
        });
    }

    private static Candle candle(long openMs, long o, long h, long l, long c, long v, boolean closed) {
        if (o <= 0 || h <= 0 || l <= 0 || c <= 0 || v < 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "non-positive price or negative volume");
        }
        // only low <= high is enforced: the documented example itself has an open below its low
        if (l > h) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "low above high");
        }
        return new Candle(Instant.ofEpochMilli(openMs), o, h, l, c, v, closed);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
