package updown.engine.live;

import io.vertx.core.Future;
import java.util.Set;

/**
 * Where a redeem or merge done on chain is booked: the portfolio's ledger in the bot ({@link BusChainLedger}),
 * nowhere in a dry run ({@link #none()}).
 */
public interface ChainLedger {
    /** Keys {@code "REDEEM <conditionId>"} / {@code "MERGE <conditionId>"} already booked, earlier runs included. */
    Future<Set<String>> booked();

    /** Books one call done on chain. */
    Future<Void> book(CtfCall call, ChainReceipt receipt);

    /** Books nothing and knows nothing (dry run; a redeemer without a ledger). */
    static ChainLedger none() {
        return new ChainLedger() {
            @Override
            public Future<Set<String>> booked() {
                return Future.succeededFuture(Set.of());
            }

            @Override
            public Future<Void> book(CtfCall call, ChainReceipt receipt) {
                return Future.succeededFuture();
            }
        };
    }
}
