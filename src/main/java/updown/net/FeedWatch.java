package updown.net;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.MarketEvent;

/**
 * Freshness of one reference feed ("binance", "chainlink"): stale after {@code staleMs} of the bot's clock without
 * an update, fresh again on the next update. Returns the {@link MarketEvent.FeedHealth} to publish on each
 * transition only, and logs one line per transition.
 */
public final class FeedWatch {
    private static final Logger LOG = LoggerFactory.getLogger(FeedWatch.class);

    private final String feed;
    private final long staleMs;
    private final Instant startedAt;
    private Instant lastUpdate;
    private Boolean stale;

    public FeedWatch(String feed, long staleMs, Instant startedAt) {
        this.feed = feed;
        this.staleMs = staleMs;
        this.startedAt = startedAt;
    }

    public Optional<MarketEvent.FeedHealth> onUpdate(Instant now) {
        lastUpdate = now;
        if (Boolean.FALSE.equals(stale)) {
            return Optional.empty();
        }
        boolean was = Boolean.TRUE.equals(stale);
        stale = false;
        if (was) {
            LOG.info("{} feed fresh again", feed);
        }
        return Optional.of(new MarketEvent.FeedHealth(feed, false, was ? "updates resumed" : "first update", now));
    }

    public Optional<MarketEvent.FeedHealth> check(Instant now) {
        Instant since = lastUpdate != null ? lastUpdate : startedAt;
        long silent = Duration.between(since, now).toMillis();
        if (silent <= staleMs || Boolean.TRUE.equals(stale)) {
            return Optional.empty();
        }
        stale = true;
        String reason = (lastUpdate == null ? "no update since start, " : "no update for ") + silent + " ms";
        LOG.warn("{} feed stale: {}", feed, reason);
        return Optional.of(new MarketEvent.FeedHealth(feed, true, reason, now));
    }

    public boolean isStale() {
        return !Boolean.FALSE.equals(stale);
    }

    public Instant lastUpdate() {
        return lastUpdate;
    }
}
