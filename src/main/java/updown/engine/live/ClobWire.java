package updown.engine.live;

import static updown.net.WireJson.has;
import static updown.net.WireJson.optString;
import static updown.net.WireJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import updown.config.Secret;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireException;
import updown.net.WireJson;

/**
 * Reads the CLOB answers the live engine uses into typed records (the market side's {@code ClobParser} does the same
 * for books). Every answer is hostile: not JSON, a missing required field, text where a number belongs or an object
 * where text belongs is one {@link ParseError}, never a guess; list answers skip an unreadable element and say why
 * ({@link WirePage#skipped()}). Error details name fields, never their values (an API secret must not reach a log).
 * Pure, static.
 */
final class ClobWire {
    private ClobWire() {
    }

    // ---- orders ---------------------------------------------------------------------------------------------------

    /** POST /order, HTTP 200: {@link PostOrderReply}. */
    static ParseResult<PostOrderReply> postOrder(String body) {
        return WireJson.guard(() -> {
            JsonNode n = WireJson.object(WireJson.tree(body), "order answer");
            List<String> ids = new ArrayList<>();
            for (JsonNode id : WireJson.optArray(n, "tradeIDs")) {
                String s = id == null || id.isNull() ? "" : WireJson.asString(id, "tradeIDs");
                if (!s.isBlank()) {
                    ids.add(s);
                }
            }
            return new PostOrderReply(WireJson.bool(n, "success", true), text(n, "errorMsg"), text(n, "orderID"),
                    text(n, "status").toLowerCase(Locale.ROOT), optDecimal(n, "makingAmount"),
                    optDecimal(n, "takingAmount"), ids);
        });
    }

    /**
     * GET /data/order/{id}: the order, or empty when the venue does not know it (an empty body, {@code null} or
     * {@code {}}).
     */
    static ParseResult<Optional<VenueOrder>> order(String body) {
        if (body == null || body.isBlank()) {
            return ParseResult.ok(Optional.empty());
        }
        return WireJson.guard(() -> {
            JsonNode n = WireJson.tree(body);
            if (n.isNull() || (n.isObject() && n.isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(venueOrder(WireJson.object(n, "order")));
        });
    }

    /** GET /data/orders: one page of open orders (each needs an id). */
    static ParseResult<WirePage<VenueOrder>> openOrders(String body) {
        return page(body, e -> {
            VenueOrder o = venueOrder(WireJson.object(e, "order"));
            if (o.id().isBlank()) {
                throw new WireException(ParseError.Kind.MISSING_FIELD, "missing field 'id'");
            }
            return o;
        });
    }

    private static VenueOrder venueOrder(JsonNode n) {
        List<String> trades = new ArrayList<>();
        for (JsonNode t : WireJson.optArray(n, "associate_trades")) {
            if (t != null && !t.isNull()) {
                trades.add(WireJson.asString(t, "associate_trades"));
            }
        }
        return new VenueOrder(text(n, "id"), text(n, "status").toUpperCase(Locale.ROOT), optDecimal(n, "size_matched"),
                trades);
    }

    // ---- trades ---------------------------------------------------------------------------------------------------

    /** GET /data/trades: one page of trades, with {@code next_cursor}. */
    static ParseResult<WirePage<VenueTrade>> trades(String body) {
        return page(body, ClobWire::trade);
    }

    /** One trade object (a /data/trades element or a user-channel {@code trade} event). */
    static VenueTrade trade(JsonNode e) {
        JsonNode n = WireJson.object(e, "trade");
        String id = string(n, "id");
        String status = string(n, "status");
        if (id.isBlank() || status.isBlank()) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "trade without id or status");
        }
        List<VenueTrade.MakerFill> makers = new ArrayList<>();
        for (JsonNode m : WireJson.optArray(n, "maker_orders")) {
            JsonNode mo = WireJson.object(m, "maker order");
            makers.add(new VenueTrade.MakerFill(text(mo, "order_id"), optString(mo, "asset_id"),
                    WireJson.decimal(WireJson.field(mo, "matched_amount"), "matched_amount"),
                    WireJson.decimal(WireJson.field(mo, "price"), "price")));
        }
        return new VenueTrade(id, status, text(n, "taker_order_id"), optString(n, "asset_id"), text(n, "side"),
                text(n, "trader_side"), optDecimal(n, "size"), optDecimal(n, "price"), optDecimal(n, "fee_rate_bps"),
                makers);
    }

    // ---- wallet and keys ------------------------------------------------------------------------------------------

    /** GET /balance-allowance: balance required; {@code allowance} or {@code allowances} optional. */
    static ParseResult<BalanceAllowance> balance(String body) {
        return WireJson.guard(() -> {
            JsonNode n = WireJson.object(WireJson.tree(body), "balance answer");
            long balance = units(WireJson.field(n, "balance"), "balance");
            Long single = has(n, "allowance") ? units(n.get("allowance"), "allowance") : null;
            Map<String, Long> map = new LinkedHashMap<>();
            if (has(n, "allowances")) {
                JsonNode a = WireJson.object(n.get("allowances"), "allowances");
                Iterator<Map.Entry<String, JsonNode>> it = a.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), units(e.getValue(), "allowances"));
                }
            }
            return new BalanceAllowance(balance, single, map);
        });
    }

    /** GET /auth/derive-api-key and POST /auth/api-key: {@code {apiKey, secret, passphrase}}, all text. */
    static ParseResult<ApiCredentials> apiCredentials(String body) {
        ParseResult<ApiCredentials> r = WireJson.guard(() -> {
            JsonNode n = WireJson.object(WireJson.tree(body), "credentials answer");
            return new ApiCredentials(Secret.of(textOnly(n, "apiKey")), Secret.of(textOnly(n, "secret")),
                    Secret.of(textOnly(n, "passphrase")));
        });
        // a JSON syntax error quotes the text around it, which here could be a secret: keep only the kind
        return r.isOk() || r.error().kind() != ParseError.Kind.MALFORMED_JSON ? r
                : ParseResult.failed(ParseError.Kind.MALFORMED_JSON, "credentials answer is not JSON");
    }

    /** POST /v1/heartbeats. */
    static ParseResult<HeartbeatReply> heartbeat(String body) {
        return WireJson.guard(() -> {
            JsonNode n = WireJson.object(WireJson.tree(body), "heartbeat answer");
            return new HeartbeatReply(text(n, "heartbeat_id"), text(n, "error_msg"));
        });
    }

    /** GET /neg-risk: {@code {"neg_risk": false}}; the flag must be a JSON boolean. */
    static ParseResult<Boolean> negRisk(String body) {
        return WireJson.guard(() -> {
            JsonNode v = WireJson.field(WireJson.object(WireJson.tree(body), "neg-risk answer"), "neg_risk");
            if (!v.isBoolean()) {
                throw new WireException(ParseError.Kind.WRONG_TYPE, "'neg_risk': expected a boolean, got "
                        + WireJson.typeOf(v));
            }
            return v.booleanValue();
        });
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A list answer: a bare array, or {@code {"data": [...], "next_cursor": "..."}}. */
    private static <T> ParseResult<WirePage<T>> page(String body, Function<JsonNode, T> element) {
        return WireJson.guard(() -> {
            JsonNode root = WireJson.tree(body);
            JsonNode data = root.isArray() ? root : WireJson.array(WireJson.object(root, "page"), "data");
            String next = root.isObject() ? text(root, "next_cursor") : "";
            List<T> items = new ArrayList<>();
            List<ParseError> skipped = new ArrayList<>();
            for (JsonNode e : data) {
                ParseResult<T> r = WireJson.guard(() -> element.apply(e));
                if (r.isOk()) {
                    items.add(r.value());
                } else {
                    skipped.add(r.error());
                }
            }
            return new WirePage<>(items, next, skipped);
        });
    }

    /** An optional text field: absent or null → "". */
    private static String text(JsonNode n, String name) {
        String s = optString(n, name);
        return s == null ? "" : s;
    }

    /** A required field that must be JSON text (a credential is never a number). */
    private static String textOnly(JsonNode n, String name) {
        JsonNode v = WireJson.field(n, name);
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new WireException(ParseError.Kind.WRONG_TYPE, "'" + name + "': expected non-empty text");
        }
        return v.textValue();
    }

    /** An optional decimal (number or decimal text): absent, null or "" → null; anything else must be a decimal. */
    private static BigDecimal optDecimal(JsonNode n, String name) {
        if (!has(n, name)) {
            return null;
        }
        JsonNode v = n.get(name);
        if (v.isTextual() && v.textValue().isBlank()) {
            return null;
        }
        return WireJson.decimal(v, name);
    }

    /**
     * A whole amount in 6-decimal units (text or integral number), not negative; above {@link Long#MAX_VALUE} (an
     * unlimited approval, 2^256 − 1) it reads as {@link Long#MAX_VALUE}.
     */
    static long units(JsonNode v, String name) {
        if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
            throw new WireException(ParseError.Kind.WRONG_TYPE, "'" + name + "': expected whole units, got "
                    + WireJson.typeOf(v));
        }
        String t = v.asText().strip();
        if (t.isEmpty() || t.length() > 80) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': not whole units");
        }
        BigInteger b;
        try {
            b = new BigInteger(t);
        } catch (NumberFormatException e) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': not whole units");
        }
        if (b.signum() < 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': negative");
        }
        return b.bitLength() > 63 ? Long.MAX_VALUE : b.longValue();
    }
}
