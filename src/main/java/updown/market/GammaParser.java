package updown.market;

import static updown.net.WireJson.bool;
import static updown.net.WireJson.has;
import static updown.net.WireJson.instant;
import static updown.net.WireJson.optString;
import static updown.net.WireJson.string;
import static updown.net.WireJson.stringList;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import updown.domain.FeeSchedule;
import updown.domain.Market;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireException;
import updown.net.WireJson;

/**
 * Reads Gamma answers: an array of events ({@code /events?slug=}), one event ({@code /events/slug/…}), an array of
 * markets ({@code /markets?slug=}) or one market. Pure and static; a malformed market inside a list is skipped and
 * reported in {@link GammaPage#skipped()}, a malformed document is one {@link ParseError}.
 *
 * <p>Field rules (API-FACTS §1): {@code clobTokenIds}/{@code outcomes}/{@code outcomePrices} as JSON text or real
 * lists; tokens mapped to Up/Down by the outcome labels, else first = Up; Protocol V2 markets
 * ({@code version:"v2"}) use {@code positionIds}; the window is {@code eventStartTime} (else the event's
 * {@code startTime}, else the slug's seconds) to {@code endDate}; {@code startDate} is the listing time and is
 * ignored. Decimals are exact.
 */
final class GammaParser {
    private static final Price DEFAULT_TICK = Price.of("0.01");
    private static final Shares DEFAULT_MIN_SIZE = Shares.ofWhole(5);

    private GammaParser() {
    }

    static ParseResult<GammaPage> parse(String body) {
        return WireJson.guard(() -> {
            JsonNode root = WireJson.tree(body);
            List<GammaMarket> out = new ArrayList<>();
            List<ParseError> skipped = new ArrayList<>();
            if (root.isArray()) {
                for (JsonNode item : root) {
                    collect(item, out, skipped);
                }
            } else if (root.isObject()) {
                if (has(root, "error")) {
                    throw new WireException(ParseError.Kind.BAD_VALUE, "error answer: " + root.get("error"));
                }
                collect(root, out, skipped);
            } else {
                throw new WireException(ParseError.Kind.WRONG_TYPE, "expected an event or market list, got "
                        + WireJson.typeOf(root));
            }
            return new GammaPage(out, skipped);
        });
    }

    /** One market object on its own (tests, and callers that already split a document). */
    static ParseResult<GammaMarket> parseMarket(String body) {
        return WireJson.guard(() -> market(WireJson.object(WireJson.tree(body), "market"), null));
    }

    private static void collect(JsonNode item, List<GammaMarket> out, List<ParseError> skipped) {
        if (item == null || !item.isObject()) {
            skipped.add(new ParseError(ParseError.Kind.WRONG_TYPE, "list element is " + WireJson.typeOf(item)));
            return;
        }
        if (has(item, "markets")) {
            JsonNode markets = item.get("markets");
            if (!markets.isArray()) {
                skipped.add(new ParseError(ParseError.Kind.WRONG_TYPE, "'markets' is " + WireJson.typeOf(markets)));
                return;
            }
            for (JsonNode m : markets) {
                one(m, item, out, skipped);
            }
        } else {
            one(item, null, out, skipped);
        }
    }

    private static void one(JsonNode m, JsonNode event, List<GammaMarket> out, List<ParseError> skipped) {
        ParseResult<GammaMarket> r = WireJson.guard(() -> market(WireJson.object(m, "market"), event));
        if (r.isOk()) {
            out.add(r.value());
        } else {
            skipped.add(r.error());
        }
    }

    private static GammaMarket market(JsonNode m, JsonNode event) {
        String id = string(m, "id");
        String slug = string(m, "slug").strip();
        String conditionId = string(m, "conditionId");
        if (slug.isEmpty() || conditionId.isBlank()) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "empty slug or conditionId");
        }
        boolean protocolV2 = "v2".equalsIgnoreCase(optString(m, "version")) && has(m, "positionIds");
        List<String> tokens = protocolV2 ? stringList(m, "positionIds") : stringList(m, "clobTokenIds");
        if (tokens.size() != 2) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "expected 2 token ids, got " + tokens.size());
        }
        for (String t : tokens) {
            if (!isTokenId(t)) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "token id is not a decimal id");
            }
        }
        int up = 0;
        int down = 1;
        if (has(m, "outcomes")) {
            List<String> labels = stringList(m, "outcomes");
            if (labels.size() != 2) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "expected 2 outcomes, got " + labels.size());
            }
            int u = indexOfLabel(labels, "up");
            int d = indexOfLabel(labels, "down");
            if (u >= 0 && d >= 0 && u != d) {
                up = u;
                down = d;
            }
        }
        List<Price> prices = List.of();
        if (has(m, "outcomePrices")) {
            List<String> raw = stringList(m, "outcomePrices");
            if (raw.size() != 2) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "expected 2 outcome prices, got " + raw.size());
            }
            prices = List.of(outcomePrice(raw.get(up)), outcomePrice(raw.get(down)));
        }
        Instant end = instant(m, "endDate");
        Instant start = windowStart(m, event, slug);
        if (!end.isAfter(start)) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "window end " + end + " not after start " + start);
        }
        Price tick = has(m, "orderPriceMinTickSize")
                ? Price.ofMicros(WireJson.microsOf(m.get("orderPriceMinTickSize"), "orderPriceMinTickSize"))
                : DEFAULT_TICK;
        if (tick.isZero() || tick.greaterThan(Price.ONE)) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "tick size out of range: " + tick);
        }
        Shares minSize = has(m, "orderMinSize")
                ? Shares.ofMicros(WireJson.microsOf(m.get("orderMinSize"), "orderMinSize")) : DEFAULT_MIN_SIZE;
        if (minSize.micros() < 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "negative orderMinSize");
        }
        boolean accepting = bool(m, "acceptingOrders", false);
        Market market = new Market(id, conditionId, slug, optString(m, "question"), Windows.assetOf(slug), start, end,
                tokens.get(up), tokens.get(down), tick, minSize, fees(m),
                bool(m, "active", false), bool(m, "closed", false), accepting,
                // a trimmed capture may lack the flag; a market that accepts orders has a book
                bool(m, "enableOrderBook", accepting), protocolV2);
        String source = optString(m, "resolutionSource");
        if ((source == null || source.isBlank()) && event != null && event.isObject()) {
            source = optString(event, "resolutionSource");
        }
        return new GammaMarket(market, prices, source, optString(m, "umaResolutionStatus"));
    }

    private static Instant windowStart(JsonNode m, JsonNode event, String slug) {
        if (has(m, "eventStartTime")) {
            return instant(m, "eventStartTime");
        }
        if (event != null && event.isObject() && has(event, "startTime")) {
            return instant(event, "startTime");
        }
        OptionalLong s = Windows.slugEpochSeconds(slug);
        if (s.isPresent()) {
            return Instant.ofEpochSecond(s.getAsLong());
        }
        throw new WireException(ParseError.Kind.MISSING_FIELD, "missing field 'eventStartTime' (and no start in slug)");
    }

    /**
     * The market's fee schedule: {@code feeSchedule} when present; a market that says {@code feesEnabled:false}
     * is free; a fee-enabled market without a schedule (early 2026 captures) gets the current crypto schedule,
     * which overstates rather than understates costs.
     */
    private static FeeSchedule fees(JsonNode m) {
        if (has(m, "feeSchedule")) {
            JsonNode fs = WireJson.object(m.get("feeSchedule"), "feeSchedule");
            Ratio rate = Ratio.ofMicros(WireJson.micros(fs, "rate"));
            long exponent = WireJson.longValue(fs, "exponent");
            if (exponent < 0 || exponent > 4 || rate.micros() < 0) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "fee schedule out of range");
            }
            return new FeeSchedule(rate, (int) exponent, bool(fs, "takerOnly", true));
        }
        if (has(m, "feesEnabled") && !bool(m, "feesEnabled", true)) {
            return FeeSchedule.FREE;
        }
        return FeeSchedule.CRYPTO_5M;
    }

    private static Price outcomePrice(String text) {
        long micros;
        try {
            micros = updown.domain.Micros.parse(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "outcome price is not a decimal");
        }
        if (micros < 0 || micros > updown.domain.Micros.ONE) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "outcome price outside [0, 1]");
        }
        return Price.ofMicros(micros);
    }

    private static int indexOfLabel(List<String> labels, String wanted) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) != null && labels.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isTokenId(String t) {
        if (t == null || t.isEmpty() || t.length() > 100) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
