package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One venue trade as the authenticated {@code user} websocket channel and {@code GET /data/trades} describe it (same
 * shape: docs.polymarket.com/market-data/websocket/user-channel, fixture {@code clob-ws/user-trade-doc-example.json}):
 * its id, the settlement {@link State} and the orders it matched ({@code taker_order_id}, {@code maker_orders[].order_id}).
 */
record UserTrade(String id, State state, String takerOrderId, List<String> makerOrderIds) {

    /**
     * The life of a matched trade: MATCHED (off chain) → MINED (in a block) → CONFIRMED (final); RETRYING while the
     * operator resubmits a failed transaction; FAILED (final: nothing changed hands). OTHER for anything new.
     */
    enum State {
        MATCHED, MINED, CONFIRMED, RETRYING, FAILED, OTHER;

        static State of(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }

        boolean isFinal() {
            return this == CONFIRMED || this == FAILED;
        }
    }

    UserTrade {
        makerOrderIds = List.copyOf(makerOrderIds);
    }

    /** Every order of this trade: the taker's, then the makers'. */
    List<String> orderIds() {
        List<String> all = new ArrayList<>();
        if (!takerOrderId.isEmpty()) {
            all.add(takerOrderId);
        }
        all.addAll(makerOrderIds);
        return all;
    }

    /** Reads a trade object; empty when it has no id or no status (hostile input is skipped, never guessed). */
    static Optional<UserTrade> of(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        String id = n.path("id").asText("");
        String status = n.path("status").asText("");
        if (id.isBlank() || status.isBlank()) {
            return Optional.empty();
        }
        List<String> makers = new ArrayList<>();
        for (JsonNode m : n.path("maker_orders")) {
            String oid = m.path("order_id").asText("");
            if (!oid.isBlank()) {
                makers.add(oid);
            }
        }
        return Optional.of(new UserTrade(id, State.of(status), n.path("taker_order_id").asText(""), makers));
    }
}
