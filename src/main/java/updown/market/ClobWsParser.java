package updown.market;

import static updown.net.WireJson.field;
import static updown.net.WireJson.has;
import static updown.net.WireJson.optString;
import static updown.net.WireJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import updown.domain.BookSide;
import updown.domain.Price;
import updown.domain.Shares;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireException;
import updown.net.WireJson;

/**
 * Reads frames of the CLOB market websocket: the text {@code PONG}, one event object, or an array of events
 * (the initial dump). Unknown event types and malformed elements are skipped and listed in
 * {@link ClobFrame#skipped()}; a frame that is not JSON at all is one {@link ParseError}. Pure, static.
 */
public final class ClobWsParser {
    private ClobWsParser() {
    }

    public static ParseResult<ClobFrame> parse(String text) {
        if (text != null && text.strip().equalsIgnoreCase("PONG")) {
            return ParseResult.ok(new ClobFrame(List.of(new ClobWsEvent.Pong()), List.of()));
        }
        return WireJson.guard(() -> {
            JsonNode root = WireJson.tree(text);
            List<ClobWsEvent> events = new ArrayList<>();
            List<ParseError> skipped = new ArrayList<>();
            if (root.isArray()) {
                if (root.isEmpty()) {
                    events.add(new ClobWsEvent.EmptyFrame());
                }
                for (JsonNode e : root) {
                    one(e, events, skipped);
                }
            } else if (root.isObject()) {
                one(root, events, skipped);
            } else {
                throw new WireException(ParseError.Kind.WRONG_TYPE, "frame is " + WireJson.typeOf(root));
            }
            if (events.isEmpty() && skipped.size() == 1) {
                // a frame holding one bad event is that event's error
                throw new WireException(skipped.get(0).kind(), skipped.get(0).detail());
            }
            return new ClobFrame(events, skipped);
        });
    }

    private static void one(JsonNode e, List<ClobWsEvent> events, List<ParseError> skipped) {
        ParseResult<ClobWsEvent> r = WireJson.guard(() -> event(WireJson.object(e, "event")));
        if (r.isOk()) {
            events.add(r.value());
        } else {
            skipped.add(r.error());
        }
    }

    private static ClobWsEvent event(JsonNode e) {
        String type = string(e, "event_type");
        return switch (type) {
            case "book" -> new ClobWsEvent.Book(ClobParser.book(e));
            case "price_change" -> priceChange(e);
            case "tick_size_change" -> {
                Price tick = Price.ofMicros(WireJson.micros(e, "new_tick_size"));
                if (tick.isZero() || tick.greaterThan(Price.ONE)) {
                    throw new WireException(ParseError.Kind.BAD_VALUE, "new_tick_size out of range");
                }
                yield new ClobWsEvent.TickSizeChange(string(e, "asset_id"), tick, time(e));
            }
            case "best_bid_ask" -> new ClobWsEvent.BestBidAsk(string(e, "asset_id"), optPrice(e, "best_bid"),
                    optPrice(e, "best_ask"), time(e));
            case "last_trade_price" -> new ClobWsEvent.LastTrade(string(e, "asset_id"), optPrice(e, "price"), time(e));
            case "market_resolved" -> new ClobWsEvent.MarketResolved(conditionId(e), string(e, "winning_asset_id"),
                    optString(e, "winning_outcome"), time(e));
            case "new_market" -> new ClobWsEvent.NewMarket(optString(e, "slug"), conditionId(e));
            default -> throw new WireException(ParseError.Kind.UNKNOWN_EVENT, "event_type '" + clip(type) + "'");
        };
    }

    private static ClobWsEvent priceChange(JsonNode e) {
        List<ClobWsEvent.Change> changes = new ArrayList<>();
        if (has(e, "price_changes")) {
            for (JsonNode c : WireJson.array(e, "price_changes")) {
                WireJson.object(c, "price change");
                changes.add(change(c, string(c, "asset_id")));
            }
        } else {
            // the format before Sept 2025: one asset, a "changes" list
            String token = string(e, "asset_id");
            for (JsonNode c : WireJson.array(e, "changes")) {
                WireJson.object(c, "change");
                changes.add(change(c, token));
            }
        }
        return new ClobWsEvent.PriceChange(time(e), changes);
    }

    private static ClobWsEvent.Change change(JsonNode c, String token) {
        long price = WireJson.micros(c, "price");
        long size = WireJson.micros(c, "size");
        ClobParser.checkLevel(price, size);
        String side = string(c, "side");
        BookSide s = switch (side) {
            case "BUY", "buy" -> BookSide.BID;
            case "SELL", "sell" -> BookSide.ASK;
            default -> throw new WireException(ParseError.Kind.BAD_VALUE, "side '" + clip(side) + "'");
        };
        return new ClobWsEvent.Change(token, s, Price.ofMicros(price), Shares.ofMicros(size));
    }

    private static String conditionId(JsonNode e) {
        String c = optString(e, "market");
        return c != null ? c : string(e, "condition_id");
    }

    private static long time(JsonNode e) {
        return has(e, "timestamp") ? WireJson.asLong(field(e, "timestamp"), "timestamp") : 0L;
    }

    /** A price that may be absent or "" (an empty side). */
    private static Price optPrice(JsonNode e, String name) {
        if (!has(e, name) || (e.get(name).isTextual() && e.get(name).textValue().isBlank())) {
            return null;
        }
        return Price.ofMicros(WireJson.microsOf(e.get(name), name));
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
