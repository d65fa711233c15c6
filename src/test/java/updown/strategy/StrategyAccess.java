package updown.strategy;

import updown.config.BotConfig;

/** Public handles on the package-private strategies, for benchmarks. */
public final class StrategyAccess {
    private StrategyAccess() {
    }

    /** Directional as the trader runs it: both EMAs from scratch over the candle window on every call. */
    public static Strategy directional(BotConfig config) {
        return Directional.fromConfig(config.strategies());
    }

    /** The incremental Directional the kline backtest runs (same signals). */
    public static Strategy incrementalDirectional(BotConfig config) {
        return new IncrementalDirectional(Directional.fromConfig(config.strategies()));
    }
}
