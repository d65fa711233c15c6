package updown.portfolio;

import java.util.Optional;
import updown.config.BotConfig;
import updown.domain.PortfolioSnapshot;

/**
 * Decides whether trading must stop: equity {@code MAX_DRAWDOWN_LIMIT} or more below its peak, or the KST day's
 * losses (since trading last started) at or above {@code MAX_DAILY_LOSS}. Both limits trip at equality.
 */
public final class CircuitBreaker {
    private final BotConfig.Risk limits;

    public CircuitBreaker(BotConfig.Risk limits) {
        this.limits = limits;
    }

    /** The reason to trip, or empty while within limits. */
    public Optional<String> check(PortfolioSnapshot s) {
        if (s.drawdownAtLeast(limits.maxDrawdownLimit())) {
            return Optional.of("drawdown " + percent(s.drawdown().micros()) + " from peak " + s.peak().format()
                    + " reached the limit of " + percent(limits.maxDrawdownLimit().micros()));
        }
        if (s.todayLoss().isPositive() && s.todayLoss().compareTo(limits.maxDailyLoss()) >= 0) {
            return Optional.of("today's loss " + s.todayLoss().format() + " reached the daily limit of "
                    + limits.maxDailyLoss().format());
        }
        return Optional.empty();
    }

    private static String percent(long ratioMicros) {
        return updown.domain.Micros.format(ratioMicros * 100, 2) + "%";
    }
}
