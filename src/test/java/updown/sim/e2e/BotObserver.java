package updown.sim.e2e;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.domain.MarketEvent;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.testkit.Await;

/**
 * Watches a bot from outside, across restarts: the trades it announced, the settlements, breaker trips and trading
 * state changes; and, for the "no trade on a stale book" invariant, what the trader itself had been told about each
 * book when it decided.
 *
 * <p>The stale check is causal, not timed: an inbound bus interceptor runs on the receiving verticle's event loop
 * right before each delivery, so per receiving context it folds the book health events exactly in the order that
 * verticle applied them. An outbound interceptor sees the trader's {@code OpenTrade} request on the trader's event
 * loop, in the same task as its decision (the paper engine fills synchronously), and checks the trader's own fold
 * for the market's two tokens at that moment. A book counts as fit only after a snapshot and an explicit "fresh"
 * verdict, and not after a later "stale" one.
 */
final class BotObserver implements AutoCloseable {

    /** One decision to open a trade, as checked at the moment the trader asked the portfolio to record it. */
    record Decision(String marketId, String slug, Instant openedAt, List<String> problems) {
    }

    /** What one receiving context has been told about one token's book. */
    private static final class TokenState {
        boolean snapshot;
        Boolean stale;
        String reason;
        Instant at;
    }

    private final Vertx vertx;
    /** slug → [up token, down token], from the exchange's truth. */
    private final Function<String, Optional<List<String>>> tokensOfSlug;
    private final Map<String, Map<String, TokenState>> folds = new ConcurrentHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Trade> executed = new ArrayList<>();
    private final List<Trade> settled = new ArrayList<>();
    private final List<PortfolioEvent.BreakerTripped> trips = new ArrayList<>();
    private final List<PortfolioEvent.TradingStateChanged> stateChanges = new ArrayList<>();
    /** Every health verdict once (each is delivered to several verticles). */
    private final java.util.Set<MarketEvent.BookHealth> healthEvents = new java.util.LinkedHashSet<>();
    /** When whole book snapshots arrived (socket or REST), as the feed stamped them. */
    private final java.util.Set<Instant> snapshotTimes = new java.util.TreeSet<>();
    private Instant lastTick;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final Handler<DeliveryContext<Object>> inbound = this::onInbound;
    private final Handler<DeliveryContext<Object>> outbound = this::onOutbound;

    private BotObserver(Vertx vertx, Function<String, Optional<List<String>>> tokensOfSlug) {
        this.vertx = vertx;
        this.tokensOfSlug = tokensOfSlug;
    }

    /** Starts watching; call before the bot starts so nothing is missed. */
    static BotObserver start(Vertx vertx, Function<String, Optional<List<String>>> tokensOfSlug) {
        LocalRecordCodec.register(vertx.eventBus());
        BotObserver o = new BotObserver(vertx, tokensOfSlug);
        EventBus bus = vertx.eventBus();
        bus.addInboundInterceptor(o.inbound);
        bus.addOutboundInterceptor(o.outbound);
        o.consume(Addresses.TRADE_EXECUTED, (PortfolioEvent.TradeExecuted e) -> o.executed.add(e.trade()));
        o.consume(Addresses.TRADE_SETTLED, (PortfolioEvent.TradeSettled e) -> o.settled.add(e.trade()));
        o.consume(Addresses.BREAKER_TRIPPED, (PortfolioEvent.BreakerTripped e) -> o.trips.add(e));
        o.consume(Addresses.TRADER_TICKED, (TraderTicked t) -> o.lastTick = t.at());
        o.consume(Addresses.TRADING_STATE_CHANGED, (PortfolioEvent.TradingStateChanged e) -> o.stateChanges.add(e));
        return o;
    }

    private <T> void consume(String address, java.util.function.Consumer<T> sink) {
        MessageConsumer<T> c = vertx.eventBus().consumer(address, m -> {
            synchronized (this) {
                sink.accept(m.body());
            }
        });
        consumers.add(c);
        Await.result(c.completion());
    }

    private void onInbound(DeliveryContext<Object> dc) {
        try {
            if (Addresses.MARKET_EVENTS.equals(dc.message().address())) {
                Object body = dc.message().body();
                if (body instanceof MarketEvent.BookHealth || body instanceof MarketEvent.BookSnapshot) {
                    fold(Vertx.currentContext(), (MarketEvent) body);
                }
            }
        } finally {
            dc.next();
        }
    }

    private void fold(Context ctx, MarketEvent e) {
        // keyed by deployment: deliveries and replies run on duplicates of the verticle's context
        String key = ctx == null ? null : ctx.deploymentID();
        if (key == null) {
            return;
        }
        Map<String, TokenState> fold = folds.computeIfAbsent(key, k -> new HashMap<>());
        synchronized (fold) {
            if (e instanceof MarketEvent.BookSnapshot s) {
                fold.computeIfAbsent(s.tokenId(), k -> new TokenState()).snapshot = true;
            } else if (e instanceof MarketEvent.BookHealth h) {
                TokenState t = fold.computeIfAbsent(h.tokenId(), k -> new TokenState());
                t.stale = h.stale();
                t.reason = h.reason();
                t.at = h.at();
            }
        }
        if (e instanceof MarketEvent.BookHealth h) {
            synchronized (this) {
                healthEvents.add(h);
            }
        } else if (e instanceof MarketEvent.BookSnapshot snap) {
            synchronized (this) {
                snapshotTimes.add(snap.at());
            }
        }
    }

    private void onOutbound(DeliveryContext<Object> dc) {
        try {
            if (Addresses.PORTFOLIO_OPEN_TRADE.equals(dc.message().address())
                    && dc.message().body() instanceof PortfolioCommand.OpenTrade open) {
                check(Vertx.currentContext(), open.trade());
            }
        } finally {
            dc.next();
        }
    }

    private void check(Context ctx, Trade t) {
        List<String> problems = new ArrayList<>();
        Map<String, TokenState> fold = ctx == null || ctx.deploymentID() == null ? null
                : folds.get(ctx.deploymentID());
        Optional<List<String>> tokens = tokensOfSlug.apply(t.slug());
        if (fold == null) {
            problems.add("no book events were delivered on the deciding context " + ctx);
        } else if (tokens.isEmpty()) {
            problems.add("the exchange never listed " + t.slug());
        } else {
            synchronized (fold) {
                for (String token : tokens.get()) {
                    TokenState s = fold.get(token);
                    if (s == null || !s.snapshot) {
                        problems.add("token " + token + " had no book snapshot");
                    } else if (s.stale == null) {
                        problems.add("token " + token + " had no health verdict");
                    } else if (s.stale) {
                        problems.add("token " + token + " was stale since " + s.at + " (" + s.reason + ")");
                    }
                }
            }
        }
        synchronized (this) {
            decisions.add(new Decision(t.marketId(), t.slug(), t.openedAt(), problems));
        }
    }

    /** The clock instant of the last trader tick that completed, or null. */
    synchronized Instant lastTick() {
        return lastTick;
    }

    synchronized List<Trade> executed() {
        return new ArrayList<>(executed);
    }

    synchronized List<Trade> settled() {
        return new ArrayList<>(settled);
    }

    synchronized List<Decision> decisions() {
        return new ArrayList<>(decisions);
    }

    synchronized List<PortfolioEvent.BreakerTripped> trips() {
        return new ArrayList<>(trips);
    }

    synchronized List<PortfolioEvent.TradingStateChanged> stateChanges() {
        return new ArrayList<>(stateChanges);
    }

    synchronized List<MarketEvent.BookHealth> staleEvents() {
        return healthEvents.stream().filter(MarketEvent.BookHealth::stale).toList();
    }

    /**
     * Whether some book was stale at some moment in [from, to]: flagged inside it, or flagged before it and not
     * declared fresh again before {@code from}.
     */
    /** Whether a whole book snapshot arrived in [from, to]. */
    synchronized boolean someSnapshotBetween(Instant from, Instant to) {
        return snapshotTimes.stream().anyMatch(t -> !t.isBefore(from) && !t.isAfter(to));
    }

    synchronized boolean someBookStaleBetween(Instant from, Instant to) {
        Map<String, MarketEvent.BookHealth> lastBefore = new HashMap<>();
        for (MarketEvent.BookHealth h : healthEvents) {
            if (h.at().isBefore(from)) {
                MarketEvent.BookHealth prev = lastBefore.get(h.tokenId());
                if (prev == null || !h.at().isBefore(prev.at())) {
                    lastBefore.put(h.tokenId(), h);
                }
            } else if (h.stale() && !h.at().isAfter(to)) {
                return true;
            }
        }
        return lastBefore.values().stream().anyMatch(h -> h.stale() && !h.reason().startsWith("not followed"));
    }

    /** The open trade the bot announced in market {@code slug}, if any (the forced-loss override asks this). */
    synchronized Optional<Trade> executedIn(String slug) {
        return executed.stream().filter(t -> t.slug().equals(slug)).reduce((a, b) -> b);
    }

    @Override
    public void close() {
        EventBus bus = vertx.eventBus();
        bus.removeInboundInterceptor(inbound);
        bus.removeOutboundInterceptor(outbound);
        consumers.forEach(c -> Await.result(c.unregister()));
    }
}
