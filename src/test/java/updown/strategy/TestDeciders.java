package updown.strategy;

import java.util.List;
import updown.config.BotConfig;
import updown.domain.Price;
import updown.engine.FeeModel;

/** Deciders with a strategy swapped in, for tests outside this package (the Decider's parts are package-private). */
public final class TestDeciders {
    private TestDeciders() {
    }

    /** The settings' ensemble (Directional + OrderbookImbalance), for wrapping. */
    public static Strategy ensemble(BotConfig config) {
        BotConfig.Strategies s = config.strategies();
        return Ensemble.equalWeights(List.of(Directional.fromConfig(s), OrderbookImbalance.fromConfig(s)),
                s.ensembleMinVotes());
    }

    /** The settings' Decider with {@code strategy} in place of the ensemble and no arbitrage. */
    public static Decider deciding(BotConfig config, Strategy strategy) {
        Price maxEntry = Price.ofMicros(config.trading().maxEntryPrice().micros());
        return new Decider(null, strategy, config.trading().confidenceThreshold(), new EntryFilter(maxEntry),
                Sizing.fromConfig(config.trading()), FeeModel.fromConfig(config.engine()));
    }
}
