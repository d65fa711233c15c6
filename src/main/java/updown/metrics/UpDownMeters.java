package updown.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import updown.domain.Direction;
import updown.domain.MarketEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.domain.Usd;

/**
 * UpDown's own meters, named {@code updown.*} (Prometheus: {@code updown_*}). Fed by {@link MetricsVerticle} from bus
 * events, and by the two decorators that time what the bus does not show ({@link MeteredEngine} for rejections by
 * code, {@link TimedRepository} for ledger commits). Money is kept as exact micro-units and only turned into a
 * dollar double when Prometheus reads it: a metric is a display, never a balance.
 */
public final class UpDownMeters {
    private final MeterRegistry registry;
    private final Counter ticks;
    private final Timer decisionLatency;
    private final AtomicLong activeMarkets = new AtomicLong();
    private final AtomicLong staleBooks = new AtomicLong();
    private final AtomicLong balanceMicros = new AtomicLong();
    private final AtomicLong equityMicros = new AtomicLong();
    private final AtomicLong openPositions = new AtomicLong();
    private final AtomicLong feesMicros = new AtomicLong();
    private final AtomicLong writer = new AtomicLong();
    private final Map<String, AtomicLong> feedStale = new ConcurrentHashMap<>();

    public UpDownMeters(MeterRegistry registry) {
        this.registry = registry;
        this.ticks = Counter.builder("updown.ticks").description("trader ticks").register(registry);
        this.decisionLatency = Timer.builder("updown.decision.latency")
                .description("wall time of one trader tick: every market's decision and its orders")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        Gauge.builder("updown.markets.active", activeMarkets, AtomicLong::get)
                .description("markets the last tick looked at").register(registry);
        Gauge.builder("updown.books.stale", staleBooks, AtomicLong::get)
                .description("books stale or missing at the last tick").register(registry);
        Gauge.builder("updown.balance.usd", balanceMicros, UpDownMeters::dollars)
                .description("cash balance").register(registry);
        Gauge.builder("updown.equity.usd", equityMicros, UpDownMeters::dollars)
                .description("balance plus open positions at cost").register(registry);
        Gauge.builder("updown.positions.open", openPositions, AtomicLong::get)
                .description("open positions").register(registry);
        // a gauge over an exact running total, not a double counter that would accumulate rounding
        Gauge.builder("updown.fees.usd", feesMicros, UpDownMeters::dollars)
                .description("fees paid since this process started").register(registry);
        Gauge.builder("updown.ledger.writer", writer, AtomicLong::get)
                .description("1 while this node holds the ledger's writer lock (or the ledger is SQLite)")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void ticked(TraderTicked t) {
        ticks.increment();
        decisionLatency.record(t.durationMicros(), TimeUnit.MICROSECONDS);
        activeMarkets.set(t.activeMarkets());
        staleBooks.set(t.staleBooks());
    }

    public void executed(Trade trade, PortfolioSnapshot snapshot) {
        registry.counter("updown.trades", "side", trade.side().name()).increment();
        // an arbitrage trade is two fills (one per leg)
        registry.counter("updown.fills").increment(trade.side() == Direction.ARB ? 2 : 1);
        feesMicros.addAndGet(trade.fee().micros());
        snapshot(snapshot);
    }

    public void settled(Trade trade, PortfolioSnapshot snapshot) {
        String result = trade.pnl() != null && trade.pnl().isPositive() ? "win" : "loss";
        registry.counter("updown.trades.settled", "result", result).increment();
        snapshot(snapshot);
    }

    public void snapshot(PortfolioSnapshot s) {
        balanceMicros.set(s.balance().micros());
        equityMicros.set(s.equity().micros());
        openPositions.set(s.openPositions());
    }

    /** A feed's health: the stale gauge, and a reconnect counted each time it comes back after being stale. */
    public void feedHealth(MarketEvent.FeedHealth h) {
        AtomicLong stale = feedStale.computeIfAbsent(h.feed(), feed -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("updown.feed.stale", v, AtomicLong::get).tag("feed", feed)
                    .description("1 while the feed is stale (no update within its limit)").register(registry);
            return v;
        });
        long was = stale.getAndSet(h.stale() ? 1 : 0);
        if (h.stale() && was == 0) {
            registry.counter("updown.feed.stalls", "feed", h.feed()).increment();
        } else if (!h.stale() && was == 1) {
            registry.counter("updown.feed.reconnects", "feed", h.feed()).increment();
        }
    }

    public void rejected(ResultCode code) {
        registry.counter("updown.order.rejections", "code", code.name()).increment();
    }

    public void ledgerCommit(String operation, long nanos) {
        Timer.builder("updown.ledger.commit")
                .description("time from a ledger write's call to its durable commit")
                .tag("op", operation)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(20_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void writer(boolean holds) {
        writer.set(holds ? 1 : 0);
    }

    private static double dollars(AtomicLong micros) {
        return Usd.ofMicros(micros.get()).toBigDecimal().doubleValue();
    }
}
