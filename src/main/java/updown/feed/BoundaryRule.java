package updown.feed;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import updown.domain.Micros;

/**
 * Which Chainlink value stands for a window boundary, chosen from the market's {@code resolutionSource}
 * (API-FACTS §4.1):
 * <ul>
 *   <li>{@code …/streams/btc-usd} (spot): the first report at or after the boundary — the only rule a third-party
 *       dataset states; the official tick selection is UNCONFIRMED.</li>
 *   <li>{@code …/btc-usd-twap-60s-streams} (and {@code -twap-30s-}): the time-weighted average over the N seconds
 *       <em>before</em> the boundary (third-party measurement: strike ≈ TWAP of the 60 s before the window start,
 *       settlement = TWAP of the 60 s before the end). Reports form a step function (each value holds until the
 *       next); the average is over the part of the window we saw, which must cover at least half of it.</li>
 * </ul>
 * A boundary's price is known only once a report at or after the boundary has arrived.
 */
record BoundaryRule(Kind kind, long windowMs) {
    enum Kind { SPOT_FIRST_AT_OR_AFTER, TWAP_BEFORE }

    private static final Pattern TWAP = Pattern.compile("twap-(\\d{1,4})s", Pattern.CASE_INSENSITIVE);

    static BoundaryRule forSource(String resolutionSource) {
        if (resolutionSource != null) {
            Matcher m = TWAP.matcher(resolutionSource);
            if (m.find()) {
                long seconds = Long.parseLong(m.group(1));
                if (seconds > 0) {
                    return new BoundaryRule(Kind.TWAP_BEFORE, seconds * 1000);
                }
            }
        }
        return new BoundaryRule(Kind.SPOT_FIRST_AT_OR_AFTER, 0);
    }

    /** The price at {@code boundary} from reports keyed by observation time (ms → micros), if determinable yet. */
    OptionalLong priceAt(Instant boundary, NavigableMap<Long, Long> reports) {
        long b = boundary.toEpochMilli();
        Map.Entry<Long, Long> atOrAfter = reports.ceilingEntry(b);
        if (atOrAfter == null) {
            return OptionalLong.empty();
        }
        if (kind == Kind.SPOT_FIRST_AT_OR_AFTER) {
            return OptionalLong.of(atOrAfter.getValue());
        }
        long from = b - windowMs;
        Map.Entry<Long, Long> before = reports.floorEntry(from);
        long t;
        long value;
        if (before != null) {
            t = from;
            value = before.getValue();
        } else {
            Map.Entry<Long, Long> first = reports.ceilingEntry(from);
            if (first == null || first.getKey() >= b || first.getKey() - from > windowMs / 2) {
                return OptionalLong.empty();
            }
            t = first.getKey();
            value = first.getValue();
        }
        long start = t;
        long weighted = 0;
        for (Map.Entry<Long, Long> e : reports.subMap(t, false, b, false).entrySet()) {
            weighted = Math.addExact(weighted, Math.multiplyExact(value, e.getKey() - t));
            t = e.getKey();
            value = e.getValue();
        }
        weighted = Math.addExact(weighted, Math.multiplyExact(value, b - t));
        return OptionalLong.of(Micros.mulDiv(weighted, 1, b - start));
    }
}
