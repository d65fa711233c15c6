package updown.engine.live;

import java.time.Instant;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.engine.Execution;

/**
 * One decision executed twice: by the paper engine on the decision's books (what paper trading would have booked)
 * and by the live venue (what happened). Never part of the ledger: it shows what paper trading hides — the price
 * the venue gave, the fee it charged, and orders it refused that paper would have filled.
 */
public record ShadowTrade(Instant at, String market, Direction side, Side paper, Side live) {

    /** One engine's outcome: filled (price = VWAP, shares, amount, fee) or refused with a reason. */
    public record Side(boolean filled, Price price, Shares shares, Usd amount, Usd fee, String refusal) {
        static Side of(Execution e) {
            if (e instanceof Execution.Filled f) {
                Fill fill = f.fill();
                return new Side(true, fill.price(), fill.shares(), fill.amount(), fill.fee(), null);
            }
            Execution.Rejected r = (Execution.Rejected) e;
            return new Side(false, null, null, null, null, r.code() + ": " + r.reason());
        }
    }

    static ShadowTrade of(Instant at, String market, Direction side, Execution paper, Execution live) {
        return new ShadowTrade(at, market, side, Side.of(paper), Side.of(live));
    }

    /** Live VWAP minus paper VWAP in price micros (positive: live paid more per share); null unless both filled. */
    public Long slippageMicros() {
        return paper.filled() && live.filled() ? live.price().micros() - paper.price().micros() : null;
    }

    /** Live fee minus paper fee; null unless both filled. */
    public Usd feeDifference() {
        return paper.filled() && live.filled() ? live.fee().minus(paper.fee()) : null;
    }
}
