package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.Set;
import updown.bus.Addresses;
import updown.domain.LedgerKind;
import updown.domain.PortfolioCommand;

/** The portfolio's ledger over the event bus (the portfolio is the ledger's single writer). */
public final class BusChainLedger implements ChainLedger {
    private final EventBus bus;

    public BusChainLedger(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public Future<Set<String>> booked() {
        return bus.<Object>request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetChainMoves())
                .map(m -> ((PortfolioCommand.ChainMoves) m.body()).keys());
    }

    @Override
    public Future<Void> book(CtfCall call, ChainReceipt receipt) {
        LedgerKind kind = call.kind() == CtfCall.Kind.REDEEM ? LedgerKind.REDEEM : LedgerKind.MERGE;
        return bus.<Object>request(Addresses.PORTFOLIO_CHAIN_MOVE, new PortfolioCommand.BookChainMove(kind,
                call.conditionId(), call.value(), receipt.txHash(), receipt.gasPaidPol())).mapEmpty();
    }
}
