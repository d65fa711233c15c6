package updown.engine;

import java.util.List;
import updown.config.BotConfig;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * What a fill costs on top of the shares: the taker fee. Computed from the levels an order actually took (price
 * and shares per level), because Polymarket charges per fill and its fee depends on the fill price. Every model
 * sums exactly and rounds once (half-even, {@link updown.domain.Micros}).
 */
public interface FeeModel {

    /** Short name for logs and reports ("polymarket", "flat"). */
    String name();

    /**
     * The taker fee for buying {@code taken} (one entry per book level: fill price and shares) on a market charging
     * {@code schedule}. Never negative; zero for nothing taken.
     */
    Usd fee(FeeSchedule schedule, List<Level> taken);

    /** The fee for buying {@code shares} at one price. */
    default Usd fee(FeeSchedule schedule, Price price, Shares shares) {
        return fee(schedule, List.of(new Level(price, shares)));
    }

    /** Polymarket's published taker fee: {@code shares × rate × (p × (1 − p))^exponent} per fill level. */
    static FeeModel polymarket() {
        return PolymarketFeeModel.INSTANCE;
    }

    /** A flat percentage of the cash paid for the shares (the seed bot's 1%). */
    static FeeModel flat(updown.domain.Ratio pct) {
        return new FlatFeeModel(pct);
    }

    /** FEE_MODEL (polymarket|flat) with FEE_PCT. */
    static FeeModel fromConfig(BotConfig.Engine engine) {
        return switch (engine.feeModel()) {
            case POLYMARKET -> polymarket();
            case FLAT -> flat(engine.feePct());
        };
    }
}
