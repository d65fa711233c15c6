package updown.market;

import static updown.net.WireJson.bool;
import static updown.net.WireJson.has;
import static updown.net.WireJson.optString;
import static updown.net.WireJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Shares;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireException;
import updown.net.WireJson;

/**
 * Reads CLOB REST answers (API-FACTS §2): {@code /book} (bids ascending and asks descending on the wire, best
 * LAST; normalised here to best first, keyed by numeric price) and {@code /markets/{conditionId}}. Pure, static.
 */
public final class ClobParser {
    private ClobParser() {
    }

    public static ParseResult<RestBook> parseBook(String body) {
        return WireJson.guard(() -> book(WireJson.object(WireJson.tree(body), "book")));
    }

    static ParseResult<ClobMarketInfo> parseMarket(String body) {
        return WireJson.guard(() -> {
            JsonNode m = WireJson.object(WireJson.tree(body), "market");
            if (has(m, "error")) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "error answer: " + m.get("error"));
            }
            List<ClobMarketInfo.Token> tokens = new ArrayList<>();
            for (JsonNode t : WireJson.array(m, "tokens")) {
                WireJson.object(t, "token");
                tokens.add(new ClobMarketInfo.Token(string(t, "token_id"), optString(t, "outcome"),
                        bool(t, "winner", false)));
            }
            return new ClobMarketInfo(string(m, "condition_id"), bool(m, "closed", false), tokens);
        });
    }

    /** A book object (REST answer or websocket {@code book} event). */
    static RestBook book(JsonNode b) {
        if (has(b, "error")) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "error answer: " + b.get("error"));
        }
        String token = string(b, "asset_id");
        List<Level> bids = levels(WireJson.optArray(b, "bids"), true);
        List<Level> asks = levels(WireJson.optArray(b, "asks"), false);
        Price tick = null;
        if (has(b, "tick_size")) {
            tick = Price.ofMicros(WireJson.microsOf(b.get("tick_size"), "tick_size"));
            if (tick.isZero() || tick.greaterThan(Price.ONE)) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "tick_size out of range");
            }
        }
        String hash = optString(b, "hash");
        long ts = has(b, "timestamp") ? WireJson.asLong(b.get("timestamp"), "timestamp") : 0L;
        boolean noBook = bids.isEmpty() && asks.isEmpty() && isZeroHash(hash);
        return new RestBook(token, bids, asks, tick, hash, ts, noBook);
    }

    /** Levels sorted best first; a price named twice keeps its last size; zero sizes are dropped. */
    static List<Level> levels(JsonNode arr, boolean bids) {
        Map<Long, Long> byPrice = new LinkedHashMap<>();
        for (JsonNode l : arr) {
            WireJson.object(l, "level");
            long price = WireJson.micros(l, "price");
            long size = WireJson.micros(l, "size");
            checkLevel(price, size);
            byPrice.put(price, size);
        }
        List<Level> out = new ArrayList<>(byPrice.size());
        for (Map.Entry<Long, Long> e : byPrice.entrySet()) {
            if (e.getValue() > 0) {
                out.add(new Level(Price.ofMicros(e.getKey()), Shares.ofMicros(e.getValue())));
            }
        }
        Comparator<Level> byPriceAsc = Comparator.comparingLong(l -> l.price().micros());
        out.sort(bids ? byPriceAsc.reversed() : byPriceAsc);
        return out;
    }

    static void checkLevel(long priceMicros, long sizeMicros) {
        if (priceMicros <= 0 || priceMicros > Micros.ONE) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "price outside (0, 1]: " + Micros.format(priceMicros, 2));
        }
        if (sizeMicros < 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "negative size");
        }
    }

    static boolean isZeroHash(String hash) {
        if (hash == null || hash.isEmpty()) {
            return false;
        }
        String h = hash.startsWith("0x") ? hash.substring(2) : hash;
        if (h.isEmpty()) {
            return false;
        }
        for (int i = 0; i < h.length(); i++) {
            if (h.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
