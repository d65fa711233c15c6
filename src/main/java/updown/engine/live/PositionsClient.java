package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireException;
import updown.net.WireJson;

/**
 * Reads the wallet's positions from Polymarket's Data API: {@code GET /positions?user=<funder>&sizeThreshold=0}
 * (public, no auth; fields {@code asset, conditionId, size, curPrice, outcomeIndex, redeemable, mergeable,
 * negativeRisk}, docs "Get current positions for a user"; fixture {@code data-api/positions.assembled.json}).
 * Every row is hostile input, read with the strict {@link WireJson} accessors: an unreadable row is one log line and
 * skipped.
 */
public final class PositionsClient {
    private static final Logger LOG = LoggerFactory.getLogger(PositionsClient.class);
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9]{1,78}");

    private final ClobHttp http;
    private final String user;

    PositionsClient(ClobHttp http, String user) {
        this.http = http;
        this.user = user;
    }

    /** The wallet's positions (at most 500, the endpoint's page limit); fails on transport or HTTP errors. */
    public Future<List<ChainPosition>> positions() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("user", user);
        q.put("sizeThreshold", "0");
        q.put("limit", "500");
        return http.send(HttpMethod.GET, "/positions", q, Map::of, null)
                .recover(t -> Future.failedFuture(new ClobException("GET /positions", VenueErrors.transport(t))))
                .compose(r -> r.ok()
                        ? Future.succeededFuture(parse(r.body()))
                        : Future.failedFuture(new ClobException("GET /positions", VenueErrors.of(r.status(), r.body()))));
    }

    /** Parses the positions array; anything that is not an array gives an empty list (logged). */
    public static List<ChainPosition> parse(String body) {
        ParseResult<JsonNode> root = WireJson.guard(() -> WireJson.tree(body));
        if (!root.isOk()) {
            LOG.warn("positions: unreadable answer ({}), ignored", root.error().kind());
            return List.of();
        }
        if (!root.value().isArray()) {
            LOG.warn("positions: answer is not an array, ignored");
            return List.of();
        }
        List<ChainPosition> out = new ArrayList<>();
        for (JsonNode n : root.value()) {
            ParseResult<ChainPosition> p = WireJson.guard(() -> row(n));
            if (p.isOk()) {
                out.add(p.value());
            } else {
                LOG.warn("positions: row for condition '{}' unreadable ({}), skipped", condition(n), p.error());
            }
        }
        return out;
    }

    /**
     * One row: conditionId (bytes32), asset (a decimal token id), size (non-negative, ≤ 10^12, rounded down to
     * 6 decimals) and outcomeIndex (0 or 1) are required; curPrice (capped at 1), redeemable, mergeable and
     * negativeRisk are optional, and must have their documented types when present.
     */
    private static ChainPosition row(JsonNode raw) {
        JsonNode n = WireJson.object(raw, "position");
        String condition = WireJson.string(n, "conditionId");
        String asset = WireJson.string(n, "asset");
        if (!BYTES32.matcher(condition).matches()) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'conditionId': not bytes32");
        }
        if (!TOKEN_ID.matcher(asset).matches()) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'asset': not a token id");
        }
        long size = micros(WireJson.field(n, "size"), "size");
        JsonNode index = WireJson.field(n, "outcomeIndex");
        if (!index.isIntegralNumber() || index.asLong() < 0 || index.asLong() > 1) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'outcomeIndex': not 0 or 1");
        }
        long cur = WireJson.has(n, "curPrice") ? Math.min(micros(n.get("curPrice"), "curPrice"), 1_000_000L) : 0L;
        return new ChainPosition(asset, condition.toLowerCase(java.util.Locale.ROOT), size, cur, index.asInt(),
                WireJson.bool(n, "redeemable", false), WireJson.bool(n, "mergeable", false),
                WireJson.bool(n, "negativeRisk", false));
    }

    /** A non-negative decimal (number or string) as 6-decimal units, rounded down. */
    private static long micros(JsonNode v, String name) {
        BigDecimal d = WireJson.decimal(v, name).setScale(6, RoundingMode.DOWN);
        if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': out of range");
        }
        return d.unscaledValue().longValueExact();
    }

    private static String condition(JsonNode n) {
        String s = n != null && n.isObject() && n.path("conditionId").isTextual() ? n.get("conditionId").textValue() : "";
        String clean = s.replaceAll("[^0-9A-Za-z]", "");
        return clean.length() > 14 ? clean.substring(0, 14) + "…" : clean;
    }
}
