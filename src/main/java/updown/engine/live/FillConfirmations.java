package updown.engine.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each venue trade from MATCHED to a final state, from the user channel and from re-reads of recent trades
 * (after a connect or reconnect). A fill is provisional until CONFIRMED; the first FAILED of a trade is handed back
 * once, so its fill is reversed once, whichever source reports it first or how often. Remembers the last
 * {@value #REMEMBERED} trades.
 */
final class FillConfirmations {
    private static final Logger LOG = LoggerFactory.getLogger(FillConfirmations.class);
    static final int REMEMBERED = 10_000;

    private final Map<String, UserTrade.State> states = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UserTrade.State> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Records a report; returns the trade when it has just FAILED (a final state never changes back). */
    synchronized Optional<UserTrade> observe(UserTrade t) {
        UserTrade.State before = states.get(t.id());
        if (before != null && before.isFinal()) {
            return Optional.empty();
        }
        if (before == t.state()) {
            return Optional.empty();
        }
        states.put(t.id(), t.state());
        switch (t.state()) {
            case FAILED -> {
                LOG.error("live trade {} (order {}) FAILED on chain: its fill did not happen", t.id(),
                        t.takerOrderId());
                return Optional.of(t);
            }
            case RETRYING -> LOG.warn("live trade {} (order {}) RETRYING on chain; still provisional", t.id(),
                    t.takerOrderId());
            case CONFIRMED -> LOG.info("live trade {} (order {}) CONFIRMED", t.id(), t.takerOrderId());
            default -> LOG.debug("live trade {} (order {}) {}", t.id(), t.takerOrderId(), t.state());
        }
        return Optional.empty();
    }

    synchronized Optional<UserTrade.State> state(String tradeId) {
        return Optional.ofNullable(states.get(tradeId));
    }

    /** Trades seen that are not final yet (MATCHED, MINED, RETRYING). */
    synchronized long provisional() {
        return states.values().stream().filter(s -> !s.isFinal()).count();
    }
}
