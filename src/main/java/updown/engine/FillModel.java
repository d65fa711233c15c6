package updown.engine;

import java.util.List;
import java.util.Objects;
import updown.config.BotConfig;
import updown.domain.Level;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * How a marketable buy of one token would fill: which ask levels it takes, at what average price. Pure; never
 * throws for bad books or amounts, it refuses with a {@link ResultCode} and a reason instead.
 */
public interface FillModel {

    /** Short name for logs and reports ("book", "flat"). */
    String name();

    /**
     * Buys up to {@code amount} dollars of the book's token, paying at most {@code limit} per share; a fill smaller
     * than {@code minShares} shares is refused.
     */
    Leg buy(OrderBook book, Usd amount, Price limit, Shares minShares);

    /** The result of one leg: taken, or refused with a reason (nothing bought). */
    sealed interface Leg {
        /**
         * @param price    average price paid per share (VWAP), never above the limit
         * @param shares   shares bought
         * @param cost     cash paid for them (without fee), never above the requested amount
         * @param levels   what was taken, per price level (price, shares): the input of the {@link FeeModel}
         * @param complete whether the whole amount was spent (false: the book ran out below the limit first)
         */
        record Taken(Price price, Shares shares, Usd cost, List<Level> levels, boolean complete) implements Leg {
            public Taken {
                Objects.requireNonNull(price, "price");
                Objects.requireNonNull(shares, "shares");
                Objects.requireNonNull(cost, "cost");
                levels = List.copyOf(levels);
            }
        }

        record Refused(ResultCode code, String reason) implements Leg {
        }
    }

    /** Walk the ask levels best first, VWAP price (the default, FILL_MODEL=book). */
    static FillModel book() {
        return BookFillModel.INSTANCE;
    }

    /** Best ask × (1 + slippage), no depth (FILL_MODEL=flat, the seed's 0.5%). */
    static FillModel flat(Ratio slippage) {
        return new FlatFillModel(slippage);
    }

    /** FILL_MODEL (book|flat) with SLIPPAGE_PCT. */
    static FillModel fromConfig(BotConfig.Engine engine) {
        return switch (engine.fillModel()) {
            case BOOK -> book();
            case FLAT -> flat(engine.slippagePct());
        };
    }
}
