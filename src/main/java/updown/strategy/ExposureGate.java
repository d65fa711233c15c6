package updown.strategy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import updown.config.BotConfig;
import updown.domain.MarketKey;
import updown.domain.Trade;
import updown.domain.Usd;

/**
 * The shared risk budget of one tick: the cost (amount + fee) of open positions per market and in total, held
 * against MAX_MARKET_EXPOSURE and MAX_TOTAL_EXPOSURE (0 = no cap). An order that would take either past its cap is
 * not placed. Mutable scratch of one tick: {@link #add} counts each trade opened during it.
 */
final class ExposureGate {
    private final Usd marketCap;
    private final Usd totalCap;
    private final Map<MarketKey, Usd> perMarket = new HashMap<>();
    private Usd total = Usd.ZERO;

    ExposureGate(BotConfig.Risk risk, List<Trade> open) {
        this.marketCap = risk.maxMarketExposure();
        this.totalCap = risk.maxTotalExposure();
        open.forEach(this::add);
    }

    void add(Trade t) {
        Usd cost = t.totalCost();
        perMarket.merge(t.marketKey(), cost, Usd::plus);
        total = total.plus(cost);
    }

    Usd exposure(MarketKey key) {
        return perMarket.getOrDefault(key, Usd.ZERO);
    }

    Usd total() {
        return total;
    }

    /** Why an order costing {@code cost} in market {@code key} must not be placed; empty when it fits both caps. */
    Optional<String> refuse(MarketKey key, Usd cost) {
        Usd market = exposure(key).plus(cost);
        if (marketCap.isPositive() && market.greaterThan(marketCap)) {
            return Optional.of(key + " exposure " + market + " would exceed MAX_MARKET_EXPOSURE " + marketCap);
        }
        Usd all = total.plus(cost);
        if (totalCap.isPositive() && all.greaterThan(totalCap)) {
            return Optional.of("total exposure " + all + " would exceed MAX_TOTAL_EXPOSURE " + totalCap);
        }
        return Optional.empty();
    }
}
