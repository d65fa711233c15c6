package updown.engine.live;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Reads the wallet's positions from Polymarket's Data API: {@code GET /positions?user=<funder>&sizeThreshold=0}
 * (public, no auth; fields {@code asset, conditionId, size, curPrice, outcomeIndex, redeemable, mergeable,
 * negativeRisk}, docs "Get current positions for a user"; fixture {@code data-api/positions.assembled.json}).
 * Every row is hostile input: a row without a readable condition, asset or size is one log line and skipped.
 */
public final class PositionsClient {
    private static final Logger LOG = LoggerFactory.getLogger(PositionsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
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
        return http.send(HttpMethod.GET, "/positions", q, Map::of, null).compose(r -> r.ok()
                ? Future.succeededFuture(parse(r.body()))
                : Future.failedFuture(new IllegalStateException("GET /positions: HTTP " + r.status())));
    }

    /** Parses the positions array; anything that is not an array gives an empty list (logged). */
    public static List<ChainPosition> parse(String body) {
        List<ChainPosition> out = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            LOG.warn("positions: unreadable answer ({}), ignored", e.getClass().getSimpleName());
            return out;
        }
        if (root == null || !root.isArray()) {
            LOG.warn("positions: answer is not an array, ignored");
            return out;
        }
        for (JsonNode n : root) {
            ChainPosition p = row(n);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static ChainPosition row(JsonNode n) {
        if (n == null || !n.isObject()) {
            LOG.warn("positions: a row that is not an object, skipped");
            return null;
        }
        String condition = n.path("conditionId").asText("");
        String asset = n.path("asset").asText("");
        Long size = micros(n.get("size"));
        Long price = micros(n.get("curPrice"));
        int index = n.path("outcomeIndex").isIntegralNumber() ? n.path("outcomeIndex").asInt(-1) : -1;
        if (!BYTES32.matcher(condition).matches() || !TOKEN_ID.matcher(asset).matches() || size == null
                || index < 0 || index > 1) {
            LOG.warn("positions: row for condition '{}' unreadable (conditionId, asset, size or outcomeIndex), skipped",
                    abbreviate(condition));
            return null;
        }
        long cur = price == null ? 0L : Math.min(price, 1_000_000L);
        return new ChainPosition(asset, condition.toLowerCase(java.util.Locale.ROOT), size, cur, index,
                n.path("redeemable").asBoolean(false), n.path("mergeable").asBoolean(false),
                n.path("negativeRisk").asBoolean(false));
    }

    /** A non-negative decimal (number or string) as 6-decimal units, rounded down; null when unreadable. */
    private static Long micros(JsonNode v) {
        if (v == null || !(v.isNumber() || v.isTextual())) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.asText().strip()).setScale(6, RoundingMode.DOWN);
            if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
                return null;
            }
            return d.unscaledValue().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[^0-9A-Za-z]", "");
        return clean.length() > 14 ? clean.substring(0, 14) + "…" : clean;
    }
}
