package updown.engine.live;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order as the venue knows it: {@code GET /data/order/{id}} and the elements of {@code GET /data/orders}
 * (clob-client-v2 {@code src/types/clob.ts} {@code OpenOrder}). Read by {@link ClobWire}.
 *
 * @param id              the order id, empty when absent
 * @param status          LIVE, MATCHED, CANCELED... (upper case), empty when absent
 * @param sizeMatched     shares matched so far, null when absent
 * @param associateTrades ids of the trades that filled it, possibly empty
 */
record VenueOrder(String id, String status, BigDecimal sizeMatched, List<String> associateTrades) {

    VenueOrder {
        associateTrades = List.copyOf(associateTrades);
    }

    boolean resting() {
        return status.equals("LIVE");
    }
}
