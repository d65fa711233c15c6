package updown.engine.live;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.Usd;

/**
 * Turns the wallet's finished positions back into pUSD, once per condition: a resolved market's winning tokens are
 * redeemed ({@code redeemable} in the Data API), an ARB pair (Up and Down of one condition, {@code mergeable}) is
 * merged. Each cycle reads the positions, plans the calls, and submits them through the {@link ChainSubmitter}
 * within LIVE_MAX_REDEEM_USD of value per cycle.
 *
 * <p>Ledger: a redeem or merge moves tokens the wallet already holds into cash; the ledger has already credited (or
 * will credit at resolution) the same payout as the trade's SETTLEMENT_CREDIT. So a call done on chain is booked
 * through the {@link ChainLedger} as a REDEEM or MERGE entry of amount zero (condition, transaction, pUSD value, gas
 * in the note): recorded, never counted twice. A dry run books nothing; it reports the calls in {@link #journal()}
 * and one log line each. The ledger's entries also tell a restarted bot which conditions are done already.
 */
public final class Redeemer {
    private static final Logger LOG = LoggerFactory.getLogger(Redeemer.class);
    private static final int JOURNAL_SIZE = 100;
    private final Predicate<String> protocolV2;

    /** One submitted (or, in a dry run, reported) call: the redemption's record. */
    public record Entry(CtfCall call, String txId, boolean sent, Instant at) {
    }

    /**
     * What one cycle did: calls submitted (or reported), calls held back by the cap, calls that failed, and calls not
     * sent because the chain says the wallet no longer holds what they would turn into cash (done already).
     */
    public record Report(List<CtfCall> submitted, List<CtfCall> capped, List<CtfCall> failed,
                         List<CtfCall> doneAlready) {
        public Report {
            submitted = List.copyOf(submitted);
            capped = List.copyOf(capped);
            failed = List.copyOf(failed);
            doneAlready = List.copyOf(doneAlready);
        }
    }

    /** What a cycle has done so far (one cycle at a time, on one context). */
    private static final class Tally {
        final List<CtfCall> submitted = new ArrayList<>();
        final List<CtfCall> capped = new ArrayList<>();
        final List<CtfCall> failed = new ArrayList<>();
        final List<CtfCall> doneAlready = new ArrayList<>();

        Report report() {
            return new Report(submitted, capped, failed, doneAlready);
        }
    }

    private final PositionsSource positions;
    private final ChainSubmitter submitter;
    private final ChainLedger ledger;
    private final Usd maxPerCycle;
    private final Clock clock;
    private final Set<String> done = new HashSet<>();
    private final Set<String> warned = new HashSet<>();
    private final Deque<Entry> journal = new ArrayDeque<>();
    private boolean running;
    private boolean seeded;

    /** Where the positions come from ({@link PositionsClient#positions()} in production). */
    @FunctionalInterface
    public interface PositionsSource {
        Future<List<ChainPosition>> positions();
    }

    public Redeemer(PositionsSource positions, ChainSubmitter submitter, ChainLedger ledger, Usd maxPerCycle,
                    Clock clock) {
        this(positions, submitter, ledger, maxPerCycle, clock, condition -> false);
    }

    /**
     * @param protocolV2 conditions known to be Protocol V2 markets: their positions are not held on the CTF, so a CTF
     *                   call for them would pay nothing and burn gas; they are skipped with one line each
     */
    public Redeemer(PositionsSource positions, ChainSubmitter submitter, ChainLedger ledger, Usd maxPerCycle,
                    Clock clock, Predicate<String> protocolV2) {
        this.protocolV2 = protocolV2;
        this.positions = positions;
        this.submitter = submitter;
        this.ledger = ledger;
        this.maxPerCycle = maxPerCycle;
        this.clock = clock;
    }

    /**
     * The bot's redeemer for a live engine: positions of {@code funder} from DATA_API_URL, calls through
     * {@code submitter} ({@link ChainSubmitter#forRun}), calls done on chain booked in {@code ledger} (a submitter
     * that only reports books nothing).
     */
    public static Redeemer forLive(io.vertx.core.Vertx vertx, updown.config.BotConfig config, updown.time.BotClock clock,
                                   String funder, ChainSubmitter submitter, ChainLedger ledger) {
        return forLive(vertx, config, clock, funder, submitter, ledger, condition -> false);
    }

    /** As above, skipping the conditions {@code protocolV2} names (the engine's {@link LiveEngine#tradedProtocolV2}). */
    public static Redeemer forLive(io.vertx.core.Vertx vertx, updown.config.BotConfig config, updown.time.BotClock clock,
                                   String funder, ChainSubmitter submitter, ChainLedger ledger,
                                   Predicate<String> protocolV2) {
        ClobHttp http = new ClobHttp(vertx, config.live().dataApiUrl(), config.market().httpTimeoutMs(),
                config.market().userAgent(), clock);
        return new Redeemer(new PositionsClient(http, funder)::positions, submitter,
                submitter.sends() ? ledger : ChainLedger.none(), config.live().maxRedeemUsd(), clock, protocolV2);
    }

    /** One cycle; a cycle asked for while one is running does nothing (a slow venue never piles up calls). */
    public Future<Report> cycle() {
        if (running) {
            return Future.succeededFuture(new Report(List.of(), List.of(), List.of(), List.of()));
        }
        running = true;
        Future<Report> cycle;
        try {
            cycle = seed().compose(v -> read()).compose(this::submitAll);
        } catch (RuntimeException e) { // never a throw out of a cycle
            cycle = Future.failedFuture(e);
        }
        return cycle.onComplete(ar -> running = false);
    }

    private Future<List<ChainPosition>> read() {
        try {
            return positions.positions();
        } catch (RuntimeException e) { // e.g. a client closed while the bot stops: a failed cycle, never a throw
            return Future.failedFuture(e);
        }
    }

    /** Once per run: the conditions the ledger says were redeemed or merged already (a restart sends none again). */
    private Future<Void> seed() {
        if (seeded) {
            return Future.succeededFuture();
        }
        return ledger.booked().map(keys -> {
            done.addAll(keys);
            seeded = true;
            return (Void) null;
        }).recover(t -> Future.failedFuture(new IllegalStateException("the ledger's earlier redeems are unreadable ("
                + t.getMessage() + "); nothing sent until it answers")));
    }

    /** The calls worth making for these positions, not yet made in this run (pure; no I/O). */
    List<CtfCall> plan(List<ChainPosition> held) {
        Map<String, List<ChainPosition>> byCondition = new LinkedHashMap<>();
        for (ChainPosition p : held) {
            byCondition.computeIfAbsent(p.conditionId(), c -> new ArrayList<>()).add(p);
        }
        List<CtfCall> calls = new ArrayList<>();
        for (Map.Entry<String, List<ChainPosition>> e : byCondition.entrySet()) {
            String condition = e.getKey();
            List<ChainPosition> ps = e.getValue();
            if (ps.stream().anyMatch(ChainPosition::negativeRisk)) {
                warnOnce("negrisk " + condition, "positions of neg-risk condition {} are not redeemed by the bot "
                        + "(Neg Risk Adapter); redeem them on polymarket.com", condition);
                continue;
            }
            if (protocolV2.test(condition)) {
                warnOnce("v2 " + condition, "positions of Protocol V2 condition {} are not redeemed by the bot (they "
                        + "are not held on the CTF); redeem them on polymarket.com", condition);
                continue;
            }
            if (ps.stream().anyMatch(ChainPosition::redeemable)) {
                Usd value = Usd.ZERO;
                for (ChainPosition p : ps) {
                    if (p.redeemable()) {
                        value = value.plus(p.redeemValue());
                    }
                }
                if (value.isPositive() && !done.contains(key(CtfCall.Kind.REDEEM, condition))) {
                    calls.add(CtfCall.redeem(condition, value, tokens(ps)));
                }
                continue;
            }
            long up = size(ps, 0);
            long down = size(ps, 1);
            long pair = Math.min(up, down);
            if (pair > 0 && ps.stream().anyMatch(ChainPosition::mergeable)
                    && !done.contains(key(CtfCall.Kind.MERGE, condition))) {
                calls.add(CtfCall.merge(condition, pair, tokens(ps)));
            }
        }
        return calls;
    }

    private Future<Report> submitAll(List<ChainPosition> held) {
        Tally report = new Tally();
        Usd budget = maxPerCycle;
        Future<Void> chain = Future.succeededFuture();
        for (CtfCall call : plan(held)) {
            if (call.value().compareTo(budget) > 0) {
                report.capped.add(call);
                warnOnce("cap " + call.kind() + " " + call.conditionId(), "{} of condition {} for {} pUSD held back: "
                        + "above what LIVE_MAX_REDEEM_USD ({}) leaves in this cycle", call.kind(), call.conditionId(),
                        call.value(), maxPerCycle);
                continue;
            }
            budget = budget.minus(call.value());
            chain = chain.compose(v -> checkThenSubmit(call, report));
        }
        return chain.map(v -> report.report());
    }

    /**
     * Asks the chain first: the Data API lags the chain by minutes, so after a crash between a mined call and its
     * ledger entry it still lists the positions; the balances say the call is done and it is not sent again.
     */
    private Future<Void> checkThenSubmit(CtfCall call, Tally report) {
        return submitter.stillHeld(call).transform(checked -> {
            if (checked.failed()) {
                report.failed.add(call);
                LOG.warn("{} of condition {} not sent: its balances could not be read ({}); tried again next cycle",
                        call.kind(), call.conditionId(), checked.cause().getMessage());
                return Future.<Void>succeededFuture();
            }
            if (!checked.result()) {
                done.add(key(call.kind(), call.conditionId()));
                report.doneAlready.add(call);
                LOG.info("{} of condition {} not sent: the wallet no longer holds its tokens on chain (done earlier: "
                        + "by a run whose ledger entry was lost, or on polymarket.com)", call.kind(),
                        call.conditionId());
                return Future.<Void>succeededFuture();
            }
            return submit(call, report);
        });
    }

    private Future<Void> submit(CtfCall call, Tally report) {
        return submitter.submit(call).transform(ar -> {
            if (ar.succeeded()) {
                done.add(key(call.kind(), call.conditionId()));
                ChainReceipt receipt = ar.result();
                record(new Entry(call, receipt.txHash(), submitter.sends(), clock.instant()));
                report.submitted.add(call);
                if (!submitter.sends()) {
                    return Future.<Void>succeededFuture();
                }
                LOG.info("sent {} condition {}: {} pUSD back to the wallet (tx {}, gas {} POL)", call.kind(),
                        call.conditionId(), call.value(), receipt.txHash(), receipt.gasPaidPol());
                return ledger.book(call, receipt).recover(t -> {
                    LOG.error("{} of condition {} done on chain (tx {}) but its ledger entry failed: {}",
                            call.kind(), call.conditionId(), receipt.txHash(), t.getMessage());
                    return Future.<Void>succeededFuture();
                });
            }
            report.failed.add(call);
            if (ar.cause() instanceof ChainFailure f && !f.retry()) {
                done.add(key(call.kind(), call.conditionId()));
                LOG.error("{} of condition {} failed: {}", call.kind(), call.conditionId(), f.getMessage());
            } else {
                LOG.warn("{} of condition {} not done: {}; tried again next cycle", call.kind(),
                        call.conditionId(), ar.cause().getMessage());
            }
            return Future.<Void>succeededFuture();
        });
    }

    /** This run's redemptions and merges, newest last (at most 100); readable from any thread. */
    public synchronized List<Entry> journal() {
        return List.copyOf(journal);
    }

    private synchronized void record(Entry e) {
        journal.addLast(e);
        while (journal.size() > JOURNAL_SIZE) {
            journal.removeFirst();
        }
    }

    private void warnOnce(String key, String format, Object... args) {
        if (warned.add(key)) {
            LOG.warn(format, args);
        }
    }

    /** The condition's outcome tokens listed, in the endpoint's order, each once. */
    private static List<String> tokens(List<ChainPosition> ps) {
        return ps.stream().map(ChainPosition::asset).distinct().toList();
    }

    private static long size(List<ChainPosition> ps, int outcome) {
        long total = 0;
        for (ChainPosition p : ps) {
            if (p.outcomeIndex() == outcome) {
                total += p.sizeMicros();
            }
        }
        return total;
    }

    private static String key(CtfCall.Kind kind, String condition) {
        return kind + " " + condition;
    }
}
