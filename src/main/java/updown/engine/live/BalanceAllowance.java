package updown.engine.live;

import java.util.Locale;
import java.util.Map;

/**
 * The answer of {@code GET /balance-allowance}, in 6-decimal units: {@code {"balance", "allowances": {spender:
 * units}}} (Polymarket/rs-clob-client {@code BalanceAllowanceResponse}) or {@code {"balance", "allowance"}}
 * (clob-client-v2's type). Unlimited approvals read as {@link Long#MAX_VALUE}. Read by {@link ClobWire}.
 *
 * @param balance    the balance
 * @param allowance  the single {@code allowance}, null when the answer gives a map instead (or nothing)
 * @param allowances the {@code allowances} map by spender, possibly empty
 */
record BalanceAllowance(long balance, Long allowance, Map<String, Long> allowances) {

    BalanceAllowance {
        allowances = Map.copyOf(allowances);
    }

    /**
     * The allowance for {@code exchange}: the single field if given; else the map's entry for it; else the smallest
     * listed (conservative); null when the answer reports none (the balance stands for it).
     */
    Long allowanceFor(String exchange) {
        if (allowance != null) {
            return allowance;
        }
        if (allowances.isEmpty()) {
            return null;
        }
        Long smallest = null;
        for (Map.Entry<String, Long> e : allowances.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(exchange.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
            smallest = smallest == null ? e.getValue() : Math.min(smallest, e.getValue());
        }
        return smallest;
    }
}
