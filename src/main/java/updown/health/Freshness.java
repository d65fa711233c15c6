package updown.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import updown.domain.TraderTicked;

/**
 * The rule for "the bot is alive and sees the world" of the dashboard's {@code GET /health}. The container's
 * {@code data/health} file check uses its first part only ({@link #tickFresh}: the trader is ticking), because a
 * restart does not cure a venue outage (see docs/dashboard.md, "Health").
 *
 * <ul>
 *   <li>the trader ticked at most {@code maxAgeMs} ago (HEALTH_MAX_AGE_MS) on the bot's clock; a tick stamped further
 *       in the future than that window is not trusted either (a corrupt or foreign timestamp);</li>
 *   <li>the price feed was fresh at that tick (for at least one asset);</li>
 *   <li>the books were not all stale: with active markets, at least one of their books was live.</li>
 * </ul>
 */
public final class Freshness {
    /** Every up/down market has two books, Up and Down. */
    public static final int BOOKS_PER_MARKET = 2;

    private Freshness() {
    }

    /**
     * The verdict on the last heartbeat.
     *
     * @param tickFresh  the trader ticked within the window
     * @param feedsFresh the price feed and at least one book were fresh at that tick (false without a tick)
     * @param reasons    one line per failed condition, empty when healthy
     */
    public record Verdict(boolean tickFresh, boolean feedsFresh, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }

        public boolean healthy() {
            return tickFresh && feedsFresh;
        }
    }

    /** Whether a tick stamped {@code lastTick} is recent enough at {@code now}; null (never ticked) is not. */
    public static boolean tickFresh(Instant lastTick, Instant now, long maxAgeMs) {
        if (lastTick == null) {
            return false;
        }
        long ageMs = Duration.between(lastTick, now).toMillis();
        return ageMs <= maxAgeMs && ageMs >= -maxAgeMs;
    }

    /** Whether the feeds a tick saw were usable: fresh candles and not every book stale. */
    public static boolean feedsFresh(TraderTicked tick) {
        if (tick == null) {
            return false;
        }
        return tick.candlesFresh() && !allBooksStale(tick);
    }

    static boolean allBooksStale(TraderTicked tick) {
        return tick.activeMarkets() > 0 && tick.staleBooks() >= (long) BOOKS_PER_MARKET * tick.activeMarkets();
    }

    /** What is wrong with the feeds a tick saw, one line each; empty when they were fresh. */
    public static List<String> feedProblems(TraderTicked tick) {
        List<String> problems = new ArrayList<>();
        if (tick == null) {
            problems.add("no trader tick yet, so no feed state");
            return problems;
        }
        if (!tick.candlesFresh()) {
            problems.add("the price feed is stale (no asset has fresh candles)");
        }
        if (allBooksStale(tick)) {
            problems.add("all " + tick.staleBooks() + " order books of " + tick.activeMarkets()
                    + " active markets are stale");
        }
        return problems;
    }

    /** The full verdict with reasons, for the health endpoint and the status API. */
    public static Verdict evaluate(TraderTicked last, Instant now, long maxAgeMs) {
        List<String> reasons = new ArrayList<>();
        if (last == null) {
            reasons.add("the trader has not ticked yet");
            return new Verdict(false, false, reasons);
        }
        boolean tick = tickFresh(last.at(), now, maxAgeMs);
        if (!tick) {
            reasons.add("last trader tick at " + last.at() + " is " + Duration.between(last.at(), now).toMillis()
                    + " ms before now (limit " + maxAgeMs + " ms)");
        }
        reasons.addAll(feedProblems(last));
        return new Verdict(tick, feedsFresh(last), reasons);
    }
}
