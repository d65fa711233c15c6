package updown.portfolio;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.bus.Replies;
import updown.config.BotConfig;
import updown.config.TradingMode;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.Kst;
import updown.domain.LedgerEntry;
import updown.domain.MarketPnl;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioCommand.CheckStorage;
import updown.domain.PortfolioCommand.CloseDay;
import updown.domain.PortfolioCommand.DailySnapshots;
import updown.domain.PortfolioCommand.EquityCurve;
import updown.domain.PortfolioCommand.EquityPoint;
import updown.domain.PortfolioCommand.GetDailySnapshots;
import updown.domain.PortfolioCommand.GetEquity;
import updown.domain.PortfolioCommand.GetOpenTrades;
import updown.domain.PortfolioCommand.GetSnapshot;
import updown.domain.PortfolioCommand.ListTrades;
import updown.domain.PortfolioCommand.OpenTrade;
import updown.domain.PortfolioCommand.OpenTrades;
import updown.domain.PortfolioCommand.ResumeTrading;
import updown.domain.PortfolioCommand.SettleMarket;
import updown.domain.PortfolioCommand.SettledTrades;
import updown.domain.PortfolioCommand.StopTrading;
import updown.domain.PortfolioCommand.TopUp;
import updown.domain.PortfolioCommand.TradePage;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.domain.WalletBalance;
import updown.domain.WalletCheck;
import updown.repository.Repository;
import updown.repository.StoredState;
import updown.time.BotClock;

/**
 * The single writer of the ledger. Owns balance, peak, realised P&amp;L, win rate, open positions, daily P&amp;L and the
 * trading switch. Every balance-changing command is serialised, stored in one transaction, applied in memory, and only
 * then announced. On start the state is rebuilt from the stored ledger.
 */
public final class PortfolioVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(PortfolioVerticle.class);
    /** Most equity points returned for charts; older points are thinned evenly. */
    static final int MAX_EQUITY_POINTS = 2000;

    private final BotConfig config;
    private final BotClock clock;
    private final Repository repository;
    private final boolean strict;
    private final CircuitBreaker breaker;
    private final SerialQueue writes = new SerialQueue();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final WalletReconciler wallet = new WalletReconciler();
    private PortfolioBook book;
    /** The event loop thread it runs on (set at start): {@link #reads()} answers directly only there. */
    private volatile Thread thread;

    /** Which fills the ledger takes. */
    public enum Admission {
        /** Paper mode (and replays): refuse fills the ledger cannot pay and second positions per market. */
        STRICT,
        /** Live mode: a fill already happened at the venue and must be recorded. */
        EVERY_FILL;

        public static Admission of(TradingMode mode) {
            return mode == TradingMode.PAPER ? STRICT : EVERY_FILL;
        }
    }

    public PortfolioVerticle(BotConfig config, BotClock clock, Repository repository, Admission admission) {
        this.config = config;
        this.clock = clock;
        this.repository = repository;
        this.strict = admission == Admission.STRICT;
        this.breaker = new CircuitBreaker(config.risk());
    }

    @Override
    public Future<?> start() {
        thread = Thread.currentThread();
        LocalRecordCodec.register(vertx.eventBus());
        return repository.init()
                .compose(v -> repository.load())
                .compose(this::restore)
                .compose(v -> registerConsumers())
                .compose(v -> closeMissedDay())
                .onSuccess(v -> LOG.info("portfolio ready: balance {} equity {} open positions {} state {}",
                        book.balance(), book.equity(), book.openTrades().size(), book.control().state()));
    }

    private Future<Void> restore(StoredState state) {
        book = PortfolioBook.rebuild(state.trades(), state.ledger(), state.control(), state.lastClosedDay());
        if (book.initialized()) {
            return Future.succeededFuture();
        }
        LedgerEntry deposit = book.initialDeposit(config.trading().initialBalance(), clock.instant());
        return repository.appendEntry(deposit)
                .compose(stored -> {
                    book.applyDeposit(stored);
                    ControlState running = ControlState.running(stored.at());
                    return repository.saveControlState(running).onSuccess(v -> book.applyControl(running));
                })
                .mapEmpty();
    }

    private Future<Void> registerConsumers() {
        EventBus bus = vertx.eventBus();
        List<Future<Void>> ready = new ArrayList<>();
        ready.add(consume(bus, Addresses.PORTFOLIO_OPEN_TRADE, OpenTrade.class, this::openTrade));
        ready.add(consume(bus, Addresses.PORTFOLIO_SETTLE, SettleMarket.class, this::settle));
        ready.add(consume(bus, Addresses.PORTFOLIO_REVERSE, PortfolioCommand.ReverseFill.class, this::reverse));
        ready.add(consume(bus, Addresses.PORTFOLIO_TOPUP, TopUp.class, this::topUp));
        ready.add(consume(bus, Addresses.PORTFOLIO_CHAIN_MOVE, PortfolioCommand.BookChainMove.class,
                this::bookChainMove));
        ready.add(consume(bus, Addresses.PORTFOLIO_STOP, StopTrading.class, this::stop));
        ready.add(consume(bus, Addresses.PORTFOLIO_RESUME, ResumeTrading.class, this::resume));
        ready.add(consume(bus, Addresses.PORTFOLIO_CLOSE_DAY, CloseDay.class, this::closeDay));
        ready.add(consume(bus, Addresses.PORTFOLIO_QUERY, PortfolioCommand.class, this::query));
        MessageConsumer<Object> walletReadings = bus.consumer(Addresses.LIVE_WALLET, m -> {
            if (m.body() instanceof WalletBalance reading) {
                onWalletReading(reading);
            }
        });
        consumers.add(walletReadings);
        ready.add(walletReadings.completion());
        return Future.all(ready).mapEmpty();
    }

    /**
     * Live mode: holds each wallet reading against the ledger, publishes the result for the dashboard and reports
     * drift (SPEC §9) in one line when it appears, changes or goes away.
     */
    private void onWalletReading(WalletBalance reading) {
        WalletCheck check = wallet.check(reading, book.balance());
        vertx.eventBus().publish(Addresses.PORTFOLIO_WALLET, check);
        if (wallet.worthReporting(check)) {
            if (check.drift().isZero()) {
                LOG.info("wallet drift gone: wallet {} and ledger {} move together again", check.wallet(),
                        check.ledgerBalance());
            } else {
                LOG.warn("wallet drift {}: wallet {}, ledger {} (a deposit or withdrawal outside the bot, winnings not "
                        + "yet redeemed, or a fill the bot did not book)", check.drift(), check.wallet(),
                        check.ledgerBalance());
            }
        }
    }

    private <T> Future<Void> consume(EventBus bus, String address, Class<T> type, Function<T, Future<?>> handler) {
        MessageConsumer<Object> c = bus.consumer(address, (Message<Object> msg) -> {
            if (!type.isInstance(msg.body())) {
                Replies.fail(msg, ResultCode.INVALID_INPUT, "expected " + type.getSimpleName());
                return;
            }
            Future<?> result;
            try {
                result = handler.apply(type.cast(msg.body()));
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onSuccess(msg::reply).onFailure(err -> replyFailure(msg, address, err));
        });
        consumers.add(c);
        return c.completion();
    }

    private static void replyFailure(Message<?> msg, String address, Throwable err) {
        if (err instanceof Refused r) {
            Replies.fail(msg, r.code, r.getMessage());
        } else {
            LOG.error("{} failed: {}", address, err.toString());
            Replies.fail(msg, ResultCode.STORAGE_FAILED, "storage failed: " + err.getMessage());
        }
    }

    /** An expected refusal with a code (insufficient balance, already stopped, ...). */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ResultCode code;

        Refused(ResultCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    // --------------------------------------------------------------------------------------------- commands

    private Future<Trade> openTrade(OpenTrade cmd) {
        return writes.submit(() -> {
            Trade trade = cmd.trade();
            Optional<ResultCode> refusal = book.refuseOpen(trade, strict);
            if (refusal.isPresent()) {
                return Future.failedFuture(new Refused(refusal.get(), refusal.get() + ": " + trade.slug()
                        + " cost " + trade.totalCost() + ", balance " + book.balance()));
            }
            LedgerEntry debit = book.debitFor(trade);
            return repository.insertOpenTrade(trade, debit).map(stored -> {
                book.applyOpened(stored, debit.withTradeId(stored.id()));
                PortfolioSnapshot snap = snapshot();
                vertx.eventBus().publish(Addresses.TRADE_EXECUTED, new PortfolioEvent.TradeExecuted(stored, snap));
                publishSnapshot(snap);
                return stored;
            }).compose(stored -> checkBreaker().map(stored));
        });
    }

    private Future<SettledTrades> settle(SettleMarket cmd) {
        return writes.submit(() -> {
            List<PortfolioBook.PendingSettlement> pending = book.settlementsFor(cmd.resolution());
            Future<List<Trade>> chain = Future.succeededFuture(new ArrayList<>());
            for (PortfolioBook.PendingSettlement p : pending) {
                chain = chain.compose(done -> repository.settleTrade(p.settled(), p.credit()).map(changed -> {
                    if (changed) {
                        book.applySettled(p.settled(), p.credit());
                        done.add(p.settled());
                        PortfolioSnapshot snap = snapshot();
                        vertx.eventBus().publish(Addresses.TRADE_SETTLED,
                                new PortfolioEvent.TradeSettled(p.settled(), snap));
                        publishSnapshot(snap);
                    } else {
                        LOG.warn("trade {} was already settled; resolution of {} ignored", p.settled().id(),
                                p.settled().slug());
                    }
                    return done;
                }));
            }
            return chain.compose(done -> checkBreaker().map(new SettledTrades(done)));
        });
    }

    /** A live fill the venue reported FAILED: its trade is undone with its own ledger entry, once. */
    private Future<PortfolioCommand.Reversed> reverse(PortfolioCommand.ReverseFill cmd) {
        return writes.submit(() -> {
            Optional<PortfolioBook.PendingSettlement> p = book.reversalFor(cmd.orderId(), cmd.reason(),
                    clock.instant());
            if (p.isEmpty()) {
                return Future.succeededFuture(new PortfolioCommand.Reversed(Optional.empty()));
            }
            Trade reversed = p.get().settled();
            return repository.reverseTrade(reversed, p.get().credit()).map(changed -> {
                if (!changed) {
                    return new PortfolioCommand.Reversed(Optional.empty());
                }
                book.applyReversed(reversed, p.get().credit());
                LOG.error("trade {} ({} {}) REVERSED: {}; ${} credited back", reversed.id(), reversed.side(),
                        reversed.slug(), cmd.reason(), reversed.totalCost());
                publishSnapshot(snapshot());
                return new PortfolioCommand.Reversed(Optional.of(reversed));
            });
        });
    }

    /** A redeem or merge done on chain: its own zero-amount entry, once per condition and kind. */
    private Future<LedgerEntry> bookChainMove(PortfolioCommand.BookChainMove cmd) {
        return writes.submit(() -> {
            LedgerEntry entry = book.chainMoveFor(cmd.kind(), cmd.conditionId(), cmd.value(), cmd.txHash(),
                    cmd.gasPol(), clock.instant());
            if (book.hasChainMove(cmd.kind(), cmd.conditionId())) {
                LOG.warn("{} of condition {} is booked already; tx {} not booked again", cmd.kind(),
                        cmd.conditionId(), cmd.txHash());
                return Future.succeededFuture(entry);
            }
            return repository.appendEntry(entry).map(stored -> {
                book.applyChainMove(stored);
                LOG.info("ledger: {} {} (balance unchanged: the settlement booked this payout)", stored.kind(),
                        stored.note());
                return stored;
            });
        });
    }

    private Future<PortfolioSnapshot> topUp(TopUp cmd) {
        return writes.submit(() -> {
            if (!cmd.amount().isPositive()) {
                return Future.failedFuture(new Refused(ResultCode.INVALID_INPUT, "top-up must be positive"));
            }
            LedgerEntry entry = book.topUp(cmd.amount(), cmd.by(), clock.instant());
            return repository.appendEntry(entry).map(stored -> {
                book.applyDeposit(stored);
                PortfolioSnapshot snap = snapshot();
                vertx.eventBus().publish(Addresses.PORTFOLIO_TOPPED_UP,
                        new PortfolioEvent.ToppedUp(cmd.amount(), cmd.by(), snap));
                publishSnapshot(snap);
                LOG.info("top-up of {} by {}: balance {}", cmd.amount(), cmd.by(), snap.balance());
                return snap;
            });
        });
    }

    private Future<PortfolioSnapshot> stop(StopTrading cmd) {
        return writes.submit(() -> {
            if (book.control().state() != TradingState.RUNNING) {
                return Future.failedFuture(new Refused(ResultCode.ALREADY_STOPPED,
                        "trading is already " + book.control().state().name().toLowerCase()));
            }
            String reason = cmd.reason() == null || cmd.reason().isBlank() ? "stopped by " + cmd.by() : cmd.reason();
            return changeControl(new ControlState(TradingState.STOPPED, reason, clock.instant()), cmd.by());
        });
    }

    private Future<PortfolioSnapshot> resume(ResumeTrading cmd) {
        return writes.submit(() -> {
            if (book.control().state() == TradingState.RUNNING) {
                return Future.failedFuture(new Refused(ResultCode.ALREADY_RUNNING, "trading is already running"));
            }
            return changeControl(ControlState.running(clock.instant()), cmd.by());
        });
    }

    private Future<PortfolioSnapshot> changeControl(ControlState next, String by) {
        TradingState previous = book.control().state();
        return repository.saveControlState(next).map(v -> {
            book.applyControl(next);
            PortfolioSnapshot snap = snapshot();
            vertx.eventBus().publish(Addresses.TRADING_STATE_CHANGED,
                    new PortfolioEvent.TradingStateChanged(next, previous, by, snap));
            publishSnapshot(snap);
            LOG.info("trading {} -> {} by {}{}", previous, next.state(), by,
                    next.reason().isEmpty() ? "" : " (" + next.reason() + ")");
            return snap;
        });
    }

    /** Trips the breaker when a limit is reached; stored before it is announced, survives restarts. */
    private Future<Void> checkBreaker() {
        if (book.control().state() != TradingState.RUNNING) {
            return Future.succeededFuture();
        }
        Optional<String> reason = breaker.check(snapshot());
        if (reason.isEmpty()) {
            return Future.succeededFuture();
        }
        ControlState tripped = new ControlState(TradingState.BREAKER, reason.get(), clock.instant());
        return repository.saveControlState(tripped).map(v -> {
            book.applyControl(tripped);
            PortfolioSnapshot snap = snapshot();
            LOG.warn("circuit breaker tripped: {}", reason.get());
            vertx.eventBus().publish(Addresses.BREAKER_TRIPPED, new PortfolioEvent.BreakerTripped(reason.get(), snap));
            publishSnapshot(snap);
            return null;
        });
    }

    /** Closes a KST day once: stores its snapshot and announces the summary. Later or repeated calls are no-ops. */
    private Future<Object> closeDay(CloseDay cmd) {
        return writes.submit(() -> {
            LocalDate last = book.lastClosedDay();
            if (last != null && !cmd.day().isAfter(last)) {
                return Future.succeededFuture(snapshot());
            }
            if (!cmd.day().isBefore(Kst.dayOf(clock.instant()))) {
                return Future.failedFuture(new Refused(ResultCode.INVALID_INPUT, cmd.day() + " has not ended"));
            }
            Instant now = clock.instant();
            DailySnapshot totals = book.dayTotals(cmd.day(), now);
            return repository.saveDailySnapshot(totals).map(v -> {
                book.applyDayClosed(cmd.day());
                PortfolioSnapshot snap = snapshot();
                PortfolioEvent.DayClosed closed = new PortfolioEvent.DayClosed(cmd.day(), totals.trades(),
                        totals.wins(), totals.losses(), totals.pnl(), totals.fees(), totals.balance(), snap, now);
                vertx.eventBus().publish(Addresses.PORTFOLIO_DAY_CLOSED, closed);
                LOG.info("day {} closed: {} trades, P&L {}, balance {}", cmd.day(), totals.trades(), totals.pnl(),
                        totals.balance());
                return (Object) closed;
            });
        });
    }

    /** After a restart, yesterday's summary is sent if the bot was down at midnight (never older days: no spam). */
    private Future<Void> closeMissedDay() {
        LocalDate last = book.lastClosedDay();
        LocalDate yesterday = Kst.dayOf(clock.instant()).minusDays(1);
        if (last == null || !last.isBefore(yesterday)) {
            return Future.succeededFuture();
        }
        return closeDay(new CloseDay(yesterday)).mapEmpty();
    }

    // ---------------------------------------------------------------------------------------------- queries

    private Future<?> query(PortfolioCommand q) {
        if (q instanceof GetSnapshot) {
            return Future.succeededFuture(snapshot());
        }
        if (q instanceof GetOpenTrades) {
            return Future.succeededFuture(new OpenTrades(new ArrayList<>(book.openTrades())));
        }
        if (q instanceof ListTrades lt) {
            int limit = Math.max(1, Math.min(lt.limit(), 1000));
            int offset = Math.max(0, lt.offset());
            return repository.listTrades(limit, offset)
                    .compose(list -> repository.countTrades().map(total -> new TradePage(list, total)));
        }
        if (q instanceof PortfolioCommand.GetChainMoves) {
            return Future.succeededFuture(new PortfolioCommand.ChainMoves(book.chainMoves()));
        }
        if (q instanceof GetEquity) {
            return repository.load().map(PortfolioVerticle::equityCurve);
        }
        if (q instanceof PortfolioCommand.GetMarketPnl) {
            return repository.load().map(st -> new PortfolioCommand.MarketPnls(
                    List.copyOf(MarketPnl.of(st.trades()).values())));
        }
        if (q instanceof GetDailySnapshots) {
            return repository.dailySnapshots().map(DailySnapshots::new);
        }
        if (q instanceof CheckStorage) {
            return repository.countTrades().map(n -> ResultCode.OK);
        }
        return Future.failedFuture(new Refused(ResultCode.INVALID_INPUT,
                "not a query: " + q.getClass().getSimpleName()));
    }

    /**
     * Equity (cash + open positions at cost) after every deposit and settlement, thinned evenly to at most
     * {@link #MAX_EQUITY_POINTS} (last kept). Opening a trade moves cash into a position and leaves equity unchanged,
     * so the curve moves only with deposits and realised P&amp;L.
     */
    static EquityCurve equityCurve(StoredState state) {
        List<EquityPoint> all = EquityPoints.of(state);
        if (all.size() <= MAX_EQUITY_POINTS) {
            return new EquityCurve(all);
        }
        List<EquityPoint> thin = new ArrayList<>(MAX_EQUITY_POINTS);
        double step = (all.size() - 1) / (double) (MAX_EQUITY_POINTS - 1);
        for (int i = 0; i < MAX_EQUITY_POINTS; i++) {
            thin.add(all.get((int) Math.round(i * step)));
        }
        return new EquityCurve(thin);
    }

    private PortfolioSnapshot snapshot() {
        return book.snapshot(clock.instant());
    }

    /** The context it runs on (null before it is deployed). */
    io.vertx.core.Context runsOn() {
        return context;
    }

    /**
     * Reads for a trader on this verticle's event loop (a replay): answered directly, as a {@code PORTFOLIO_QUERY}
     * would be (queries never wait for writes; a reader on one thread with the portfolio sees the same state a reply
     * would carry). Called from any other thread, they go over the bus. May be taken before it is deployed.
     */
    public PortfolioReads reads() {
        return new PortfolioReads() {
            @Override
            public Future<PortfolioSnapshot> snapshot() {
                return Thread.currentThread() == thread ? Future.succeededFuture(PortfolioVerticle.this.snapshot())
                        : PortfolioReads.overBus(vertx.eventBus()).snapshot();
            }

            @Override
            public Future<List<Trade>> openTrades() {
                return Thread.currentThread() == thread ? Future.succeededFuture(new ArrayList<>(book.openTrades()))
                        : PortfolioReads.overBus(vertx.eventBus()).openTrades();
            }
        };
    }

    private void publishSnapshot(PortfolioSnapshot snap) {
        vertx.eventBus().publish(Addresses.PORTFOLIO_SNAPSHOT, snap);
    }

    @Override
    public Future<?> stop() {
        // wait for the write in flight, then stop taking commands
        return writes.submit(() -> Future.succeededFuture())
                .compose(v -> Future.all(consumers.stream().map(MessageConsumer::unregister).toList()));
    }
}
