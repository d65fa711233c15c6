package updown.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.repository.TestTrades.T0;
import static updown.repository.TestTrades.arbitrage;
import static updown.repository.TestTrades.creditFor;
import static updown.repository.TestTrades.debitFor;
import static updown.repository.TestTrades.deposit;
import static updown.repository.TestTrades.directional;
import static updown.repository.TestTrades.settle;
import static updown.repository.TestTrades.topUp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.Direction;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.TradingState;
import updown.domain.Usd;

/**
 * What every {@link Repository} promises, run against each implementation by a small subclass. Every call runs on
 * an event loop, as the portfolio makes them, and after every test the stored ledger must agree with the stored
 * trades ({@link LedgerInvariant}).
 */
@ExtendWith(VertxExtension.class)
abstract class RepositoryContractTest {

    protected Vertx vertx;
    protected Repository repo;
    private Context loop;

    /** A new, empty, initialised repository. */
    protected abstract Future<Repository> openFresh(Vertx vertx);

    /** What a restart does: close this repository, open the same store again and initialise it. */
    protected abstract Future<Repository> reopen(Repository current);

    /** Another, empty repository that was opened but not initialised. */
    protected abstract Future<Repository> openUninitialised(Vertx vertx);

    @FunctionalInterface
    protected interface Check<T> {
        void accept(T value) throws Throwable;
    }

    @BeforeEach
    void openRepository(Vertx vertx, VertxTestContext test) {
        this.vertx = vertx;
        this.loop = vertx.getOrCreateContext();
        onLoop(() -> openFresh(vertx)).onComplete(test.succeeding(r -> {
            repo = r;
            test.completeNow();
        }));
    }

    @AfterEach
    void ledgerAgreesWithTradesThenClose(VertxTestContext test) {
        onLoop(() -> repo.load()).onComplete(test.succeeding(state -> test.verify(() -> {
            LedgerInvariant.assertHolds(state);
            repo.close().onComplete(test.succeedingThenComplete());
        })));
    }

    /** Runs a chain of repository calls on the event loop, as the portfolio does. */
    protected <T> Future<T> onLoop(Supplier<Future<T>> chain) {
        return Future.future(promise -> loop.runOnContext(v -> RepositoryRules.attempt(chain).onComplete(promise)));
    }

    /** Runs the chain on the event loop, then the assertions on its result. */
    protected <T> void check(VertxTestContext test, Supplier<Future<T>> chain, Check<T> assertions) {
        onLoop(chain).onComplete(test.succeeding(value -> test.verify(() -> {
            assertions.accept(value);
            test.completeNow();
        })));
    }

    /** Runs the chain on the event loop; it must fail, then the assertions run on the failure. */
    protected <T> void checkFails(VertxTestContext test, Supplier<Future<T>> chain, Check<Throwable> assertions) {
        onLoop(chain).onComplete(test.failing(error -> test.verify(() -> {
            assertions.accept(error);
            test.completeNow();
        })));
    }

    protected Future<Trade> open(Trade trade) {
        return repo.insertOpenTrade(trade, debitFor(trade));
    }

    protected Future<Boolean> settleOn(Trade stored, Resolution winner, Instant at) {
        Trade settled = settle(stored, winner, at);
        return repo.settleTrade(settled, creditFor(settled));
    }

    private static Trade byId(StoredState state, long id) {
        return state.trades().stream().filter(t -> t.id() == id).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- empty and lifecycle

    @Test
    @DisplayName("a fresh repository loads an empty ledger, no trades, no control state and no closed day")
    void freshIsEmpty(VertxTestContext test) {
        check(test, () -> Future.all(repo.load(), repo.countTrades(), repo.listTrades(10, 0), repo.dailySnapshots()),
                all -> {
                    StoredState state = all.resultAt(0);
                    assertThat(state.trades()).isEmpty();
                    assertThat(state.ledger()).isEmpty();
                    assertThat(state.control()).isNull();
                    assertThat(state.lastClosedDay()).isNull();
                    assertThat((Integer) all.resultAt(1)).isZero();
                    assertThat((List<?>) all.resultAt(2)).isEmpty();
                    assertThat((List<?>) all.resultAt(3)).isEmpty();
                });
    }

    @Test
    @DisplayName("initialising an initialised repository again changes nothing")
    void initTwice(VertxTestContext test) {
        check(test, () -> open(directional()).compose(t -> repo.init()).compose(v -> repo.init())
                .compose(v -> repo.load()), state -> {
                    assertThat(state.trades()).hasSize(1);
                    assertThat(state.ledger()).hasSize(1);
                });
    }

    @Test
    @DisplayName("a call before init() fails with a clear message instead of touching the store")
    void callBeforeInitFails(VertxTestContext test) {
        checkFails(test, () -> openUninitialised(vertx).compose(fresh -> fresh.countTrades()
                .onComplete(ar -> fresh.close())), error -> assertThat(error)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("init()"));
    }

    @Test
    @DisplayName("a closed repository refuses every call")
    void closedRefuses(VertxTestContext test) {
        onLoop(() -> repo.close()
                .compose(v -> Future.all(List.of(repo.load().map(s -> false).otherwise(true),
                        repo.countTrades().map(n -> false).otherwise(true),
                        open(directional()).map(t -> false).otherwise(true),
                        repo.appendEntry(deposit("1000")).map(e -> false).otherwise(true),
                        repo.init().map(e -> false).otherwise(true))))
                .compose(all -> reopen(repo).map(reopened -> {
                    repo = reopened;
                    return all.<Boolean>list();
                })))
                .onComplete(test.succeeding(refused -> test.verify(() -> {
                    assertThat(refused).containsOnly(true);
                    test.completeNow();
                })));
    }

    @Test
    @DisplayName("a reopened repository (a restart) sees every committed trade, entry, state and snapshot")
    void restartSeesEverything(VertxTestContext test) {
        DailySnapshot day = new DailySnapshot(LocalDate.of(2026, 5, 12), Usd.of("990"), Usd.of("1000"),
                Usd.of("-10"), Usd.of("0.5"), 3, 1, 2, T0);
        check(test, () -> repo.appendEntry(deposit("1000"))
                .compose(e -> open(directional()))
                .compose(t -> settleOn(t, Resolution.DOWN, T0.plusSeconds(400)))
                .compose(s -> open(arbitrage()))
                .compose(t -> repo.saveControlState(new ControlState(TradingState.STOPPED, "/stop", T0)))
                .compose(v -> repo.saveDailySnapshot(day))
                .compose(v -> repo.load())
                .compose(before -> reopen(repo).compose(reopened -> {
                    repo = reopened;
                    return repo.load().map(after -> List.of(before, after));
                })), both -> {
                    assertThat(both.get(1)).isEqualTo(both.get(0));
                    assertThat(both.get(1).trades()).hasSize(2);
                    assertThat(both.get(1).control().state()).isEqualTo(TradingState.STOPPED);
                    assertThat(both.get(1).lastClosedDay()).isEqualTo(day.day());
                });
    }

    // ---------------------------------------------------------------- round trips

    @Test
    @DisplayName("every field of a directional trade comes back exactly, with its new id")
    void directionalRoundTrip(VertxTestContext test) {
        Trade trade = directional();
        check(test, () -> open(trade).compose(stored -> repo.load().map(state -> List.of(stored, state.trades()
                .get(0)))), pair -> {
                    Trade stored = pair.get(0);
                    assertThat(stored.id()).isPositive();
                    assertThat(stored).isEqualTo(trade.withId(stored.id()));
                    assertThat(pair.get(1)).isEqualTo(stored);
                    assertThat(pair.get(1).altPrice()).isNull();
                    assertThat(pair.get(1).altShares()).isNull();
                    assertThat(pair.get(1).altTokenId()).isNull();
                });
    }

    @Test
    @DisplayName("every field of an ARB trade comes back exactly, the Down leg's price, shares and token included")
    void arbitrageRoundTrip(VertxTestContext test) {
        Trade trade = arbitrage();
        check(test, () -> open(trade).compose(stored -> repo.load().map(state -> List.of(stored, state.trades()
                .get(0)))), pair -> {
                    Trade loaded = pair.get(1);
                    assertThat(loaded).isEqualTo(trade.withId(pair.get(0).id()));
                    assertThat(loaded.side()).isEqualTo(Direction.ARB);
                    assertThat(loaded.altPrice()).isEqualTo(Price.of("0.49"));
                    assertThat(loaded.altShares()).isEqualTo(Usd.of("10").sharesAt(Price.of("0.49")));
                    assertThat(loaded.altTokenId()).isEqualTo("tok-down");
                    assertThat(loaded.externalId()).isNull();
                });
    }

    @Test
    @DisplayName("bug 4: an alt price of 0.0 comes back as 0.0, and an absent alt price comes back absent")
    void altPriceZeroIsNotAbsent(VertxTestContext test) {
        Trade zero = TestTrades.withAltLeg(arbitrage("0xzero", T0), Price.ZERO, Shares.of("5"));
        Trade absent = TestTrades.withAltLeg(arbitrage("0xabsent", T0.plusSeconds(1)), null, Shares.of("5"));
        check(test, () -> open(zero).compose(a -> open(absent)).compose(b -> repo.load()), state -> {
            assertThat(state.trades().get(0).altPrice()).isNotNull().isEqualTo(Price.ZERO);
            assertThat(state.trades().get(1).altPrice()).isNull();
        });
    }

    @Test
    @DisplayName("alt shares of 0 come back as 0, and absent alt shares come back absent")
    void altSharesZeroIsNotAbsent(VertxTestContext test) {
        Trade zero = TestTrades.withAltLeg(arbitrage("0xzero", T0), Price.of("0.49"), Shares.ZERO);
        Trade absent = TestTrades.withAltLeg(arbitrage("0xabsent", T0.plusSeconds(1)), Price.of("0.49"), null);
        check(test, () -> open(zero).compose(a -> open(absent)).compose(b -> repo.listTrades(10, 0)), newest -> {
            assertThat(newest.get(1).altShares()).isNotNull().isEqualTo(Shares.ZERO);
            assertThat(newest.get(0).altShares()).isNull();
        });
    }

    @Test
    @DisplayName("the sources list comes back in order, odd characters and an empty list included")
    void sourcesRoundTrip(VertxTestContext test) {
        List<String> odd = List.of("ensemble", "a,b", "quote\"d", "ünïcødé ✓", "", "back\\slash");
        Trade many = TestTrades.withSources(directional("0xa", T0), odd, Ratio.of("0.5"));
        Trade none = TestTrades.withSources(directional("0xb", T0.plusSeconds(1)), List.of(), Ratio.of("0.5"));
        check(test, () -> open(many).compose(a -> open(none)).compose(b -> repo.load()), state -> {
            assertThat(state.trades().get(0).sources()).containsExactlyElementsOf(odd);
            assertThat(state.trades().get(1).sources()).isEmpty();
        });
    }

    @Test
    @DisplayName("confidence comes back to the micro-unit: 0, 0.000001, 0.734512 and 1")
    void confidenceRoundTrip(VertxTestContext test) {
        List<Ratio> values = List.of(Ratio.ZERO, Ratio.ofMicros(1), Ratio.of("0.734512"), Ratio.ONE);
        check(test, () -> {
            Future<Trade> chain = Future.succeededFuture();
            for (int i = 0; i < values.size(); i++) {
                Trade t = TestTrades.withSources(directional("0x" + i, T0.plusSeconds(i)), List.of("x"),
                        values.get(i));
                chain = chain.compose(prev -> open(t));
            }
            return chain.compose(last -> repo.load());
        }, state -> assertThat(state.trades()).extracting(Trade::confidence).containsExactlyElementsOf(values));
    }

    @Test
    @DisplayName("times come back to the nanosecond, before 1970 and a missing window end included")
    void instantsRoundTrip(VertxTestContext test) {
        Instant nanos = Instant.parse("2026-05-12T10:01:02.000000001Z");
        Instant old = Instant.parse("1969-12-31T23:59:59.999999999Z");
        Trade a = TestTrades.withTimes(directional("0xa", nanos), nanos, null);
        Trade b = TestTrades.withTimes(directional("0xb", old), old, Instant.parse("2262-04-11T23:47:16Z"));
        Instant settledAt = Instant.parse("2026-05-12T10:05:00.999999999Z");
        check(test, () -> open(a).compose(sa -> open(b).compose(sb -> settleOn(sa, Resolution.UP, settledAt)))
                .compose(done -> repo.load()), state -> {
                    Trade first = state.trades().get(0);
                    assertThat(first.openedAt()).isEqualTo(nanos);
                    assertThat(first.windowEnd()).isNull();
                    assertThat(first.settledAt()).isEqualTo(settledAt);
                    assertThat(state.trades().get(1).openedAt()).isEqualTo(old);
                    assertThat(state.trades().get(1).windowEnd()).isEqualTo(Instant.parse("2262-04-11T23:47:16Z"));
                    assertThat(state.ledger()).extracting(LedgerEntry::at)
                            .containsExactly(nanos, old, settledAt);
                });
    }

    @Test
    @DisplayName("a time outside the storable range (1677..2262) is refused and nothing is written")
    void instantOutOfRangeRefused(VertxTestContext test) {
        Trade far = TestTrades.withTimes(directional(), Instant.parse("2300-01-01T00:00:00Z"), null);
        checkFails(test, () -> open(far), error -> {
            assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
        });
    }

    @Test
    @DisplayName("money beyond 2^31 micro-units (over $2147) comes back exactly")
    void largeMoneyRoundTrip(VertxTestContext test) {
        Trade big = TestTrades.withMoney(directional(), Usd.of("123456789.123456"), Usd.of("4294.967296"),
                Shares.of("239721920.627"));
        check(test, () -> repo.appendEntry(deposit("9000000000")).compose(e -> open(big))
                .compose(t -> repo.load()), state -> {
                    assertThat(state.trades().get(0).amount()).isEqualTo(Usd.of("123456789.123456"));
                    assertThat(state.trades().get(0).fee()).isEqualTo(Usd.of("4294.967296"));
                    assertThat(state.trades().get(0).shares()).isEqualTo(Shares.of("239721920.627"));
                    assertThat(state.ledger().get(0).amount()).isEqualTo(Usd.of("9000000000"));
                });
    }

    // ---------------------------------------------------------------- ids, sequence, ledger links

    @Test
    @DisplayName("trade ids and ledger sequence numbers start at 1 and follow the order of the calls")
    void idsInCallOrder(VertxTestContext test) {
        check(test, () -> repo.appendEntry(deposit("1000"))
                .compose(e -> open(directional("0xa", T0)))
                .compose(a -> open(directional("0xb", T0.plusSeconds(1))))
                .compose(b -> repo.appendEntry(topUp("50", T0.plusSeconds(2))))
                .compose(e -> open(arbitrage("0xc", T0.plusSeconds(3))))
                .compose(c -> repo.load()), state -> {
                    assertThat(state.trades()).extracting(Trade::id).containsExactly(1L, 2L, 3L);
                    assertThat(state.ledger()).extracting(LedgerEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
                    assertThat(state.ledger()).extracting(LedgerEntry::kind).containsExactly(
                            LedgerKind.INITIAL_DEPOSIT, LedgerKind.TRADE_DEBIT, LedgerKind.TRADE_DEBIT,
                            LedgerKind.TOPUP, LedgerKind.TRADE_DEBIT);
                });
    }

    @Test
    @DisplayName("load lists trades by id and the ledger by sequence, whatever their times")
    void loadOrder(VertxTestContext test) {
        check(test, () -> open(directional("0xlate", T0.plusSeconds(100)))
                .compose(a -> open(directional("0xearly", T0)))
                .compose(early -> settleOn(early, Resolution.UP, T0.plusSeconds(1)))
                .compose(s -> repo.load()), state -> {
                    assertThat(state.trades()).extracting(Trade::marketId).containsExactly("0xlate", "0xearly");
                    assertThat(state.ledger()).extracting(LedgerEntry::seq).isSorted().containsExactly(1L, 2L, 3L);
                    assertThat(state.ledger().get(2).tradeId()).isEqualTo(2L);
                });
    }

    @Test
    @DisplayName("the debit is −(amount + fee), linked to the new trade's id")
    void debitLinkedToTrade(VertxTestContext test) {
        check(test, () -> open(directional()).compose(t -> repo.load().map(s -> List.of(t, s))), pair -> {
            Trade stored = (Trade) pair.get(0);
            StoredState state = (StoredState) pair.get(1);
            assertThat(state.ledger()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(LedgerKind.TRADE_DEBIT);
                assertThat(e.tradeId()).isEqualTo(stored.id());
                assertThat(e.amount()).isEqualTo(Usd.of("-10.121359"));
                assertThat(e.at()).isEqualTo(T0);
                assertThat(e.note()).isEqualTo("open " + stored.slug());
            });
        });
    }

    @Test
    @DisplayName("a debit that is not −(amount + fee) is refused and neither the trade nor the entry is written")
    void wrongDebitRefused(VertxTestContext test) {
        Trade t = directional();
        LedgerEntry onlyAmount = LedgerEntry.of(LedgerKind.TRADE_DEBIT, t.amount().negate(), 0, T0, "fee forgotten");
        checkFails(test, () -> repo.insertOpenTrade(t, onlyAmount), error -> assertThat(error)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount + fee"));
    }

    @Test
    @DisplayName("a trade that already has an id, is not open, or is a SKIP is refused")
    void badNewTradesRefused(VertxTestContext test) {
        Trade withId = directional().withId(7);
        Trade settled = directional().settled(Resolution.UP, Usd.of("1"), T0);
        Trade skip = new Trade(0, "m", "s", Direction.SKIP, null, Price.ZERO, null, null, Shares.ZERO, null, Usd.ZERO,
                Usd.ZERO, TradeStatus.OPEN, null, null, null, List.of(), Ratio.ZERO, null, T0, null, null);
        check(test, () -> Future.all(List.of(
                repo.insertOpenTrade(withId, debitFor(directional())).map(x -> false).otherwise(true),
                repo.insertOpenTrade(settled, debitFor(settled)).map(x -> false).otherwise(true),
                repo.insertOpenTrade(skip, debitFor(skip)).map(x -> false).otherwise(true)))
                .compose(all -> repo.countTrades().map(n -> List.of(all.<Boolean>list(), n))), result -> {
                    assertThat(result.get(0)).isEqualTo(List.of(true, true, true));
                    assertThat(result.get(1)).isEqualTo(0);
                });
    }

    // ---------------------------------------------------------------- settlement

    @Test
    @DisplayName("a winning directional trade settles with outcome, payout, pnl and time, and one credit of the payout")
    void winningSettlement(VertxTestContext test) {
        Instant at = T0.plusSeconds(300);
        check(test, () -> open(directional()).compose(t -> settleOn(t, Resolution.UP, at)
                .compose(ok -> repo.load().map(s -> List.of(ok, s)))), pair -> {
                    assertThat(pair.get(0)).isEqualTo(true);
                    StoredState state = (StoredState) pair.get(1);
                    Trade t = state.trades().get(0);
                    assertThat(t.status()).isEqualTo(TradeStatus.SETTLED);
                    assertThat(t.outcome()).isEqualTo(Resolution.UP);
                    assertThat(t.payout()).isEqualTo(t.shares().payoutIfWon());
                    assertThat(t.pnl()).isEqualTo(t.payout().minus(t.amount()).minus(t.fee()));
                    assertThat(t.settledAt()).isEqualTo(at);
                    assertThat(state.ledger().get(1)).satisfies(credit -> {
                        assertThat(credit.kind()).isEqualTo(LedgerKind.SETTLEMENT_CREDIT);
                        assertThat(credit.amount()).isEqualTo(t.payout());
                        assertThat(credit.tradeId()).isEqualTo(t.id());
                    });
                });
    }

    @Test
    @DisplayName("a reversed trade gets one TRADE_REVERSAL of amount + fee, survives a reopen, and is never settled")
    void reversal(VertxTestContext test) {
        Instant at = T0.plusSeconds(60);
        check(test, () -> open(directional()).compose(t -> {
            Trade reversed = t.reversed(at);
            LedgerEntry credit = LedgerEntry.of(LedgerKind.TRADE_REVERSAL, t.totalCost(), t.id(), at, "failed");
            return repo.reverseTrade(reversed, credit)
                    .compose(first -> repo.reverseTrade(reversed, credit).map(second -> List.of(first, second)))
                    .compose(oks -> settleOn(t, Resolution.UP, at.plusSeconds(300)).map(settled -> {
                        List<Boolean> all = new java.util.ArrayList<>(oks);
                        all.add(settled);
                        return all;
                    }));
        }).compose(oks -> reopen(repo).compose(r -> {
            repo = r;
            return r.load();
        }).map(state -> List.of(oks, state))), pair -> {
            assertThat(pair.get(0)).isEqualTo(List.of(true, false, false));
            StoredState state = (StoredState) pair.get(1);
            Trade t = state.trades().get(0);
            assertThat(t.status()).isEqualTo(TradeStatus.REVERSED);
            assertThat(t.outcome()).isNull();
            assertThat(t.payout()).isNull();
            assertThat(t.pnl()).isEqualTo(Usd.ZERO);
            assertThat(t.settledAt()).isEqualTo(at);
            assertThat(state.ledger()).extracting(LedgerEntry::kind)
                    .containsExactly(LedgerKind.TRADE_DEBIT, LedgerKind.TRADE_REVERSAL);
            assertThat(state.ledger().get(1).amount()).isEqualTo(t.totalCost());
        });
    }

    @Test
    @DisplayName("a REDEEM and a MERGE record stand alone with amount zero, keep their note and survive a reopen")
    void chainMoves(VertxTestContext test) {
        String note = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1 tx 0xab: 10.204081 pUSD, "
                + "gas 0.0042 POL";
        check(test, () -> repo.appendEntry(LedgerEntry.of(LedgerKind.REDEEM, Usd.ZERO, 0, T0, note))
                .compose(r -> repo.appendEntry(LedgerEntry.of(LedgerKind.MERGE, Usd.ZERO, 0, T0.plusSeconds(1), "m")))
                .compose(m -> reopen(repo)).compose(r -> {
                    repo = r;
                    return r.load();
                }), state -> {
                    assertThat(state.ledger()).extracting(LedgerEntry::kind)
                            .containsExactly(LedgerKind.REDEEM, LedgerKind.MERGE);
                    assertThat(state.ledger()).extracting(LedgerEntry::amount).containsOnly(Usd.ZERO);
                    assertThat(state.ledger().get(0).note()).isEqualTo(note);
                    assertThat(state.ledger().get(0).tradeId()).isZero();
                });
    }

    @Test
    @DisplayName("a REDEEM that would move money is refused and nothing is written")
    void chainMoveWithMoneyRefused(VertxTestContext test) {
        checkFails(test, () -> repo.appendEntry(LedgerEntry.of(LedgerKind.REDEEM, Usd.of("1"), 0, T0, "x")),
                error -> assertThat(error).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("amount 0"));
    }

    @Test
    @DisplayName("a losing trade settles with a zero credit and pnl = −(amount + fee)")
    void losingSettlement(VertxTestContext test) {
        check(test, () -> open(directional()).compose(t -> settleOn(t, Resolution.DOWN, T0.plusSeconds(300)))
                .compose(ok -> repo.load()), state -> {
                    Trade t = state.trades().get(0);
                    assertThat(t.payout()).isEqualTo(Usd.ZERO);
                    assertThat(t.pnl()).isEqualTo(Usd.of("-10.121359"));
                    assertThat(state.ledger()).extracting(LedgerEntry::amount)
                            .containsExactly(Usd.of("-10.121359"), Usd.ZERO);
                });
    }

    @Test
    @DisplayName("an ARB pays the winning leg's shares: Up shares on UP, Down shares on DOWN")
    void arbitrageSettlesOnEitherSide(VertxTestContext test) {
        check(test, () -> open(arbitrage("0xup", T0)).compose(up -> open(arbitrage("0xdown", T0.plusSeconds(1)))
                .compose(down -> settleOn(up, Resolution.UP, T0.plusSeconds(400))
                        .compose(x -> settleOn(down, Resolution.DOWN, T0.plusSeconds(401)))))
                .compose(x -> repo.load()), state -> {
                    Trade up = state.trades().get(0);
                    Trade down = state.trades().get(1);
                    assertThat(up.payout()).isEqualTo(up.shares().payoutIfWon());
                    assertThat(down.payout()).isEqualTo(down.altShares().payoutIfWon());
                    assertThat(up.pnl()).isEqualTo(Usd.of("0.633333"));
                    assertThat(down.pnl()).isEqualTo(Usd.of("0.208163"));
                });
    }

    @Test
    @DisplayName("a resolution that arrives twice settles once: the second call returns false and writes nothing")
    void settlementArrivingTwiceSettlesOnce(VertxTestContext test) {
        Instant first = T0.plusSeconds(300);
        check(test, () -> open(directional()).compose(t -> settleOn(t, Resolution.UP, first)
                .compose(ok1 -> settleOn(t, Resolution.UP, first.plusSeconds(60))
                        .compose(ok2 -> repo.load().map(s -> List.of(ok1, ok2, s))))), result -> {
                    assertThat(result.get(0)).isEqualTo(true);
                    assertThat(result.get(1)).isEqualTo(false);
                    StoredState state = (StoredState) result.get(2);
                    assertThat(state.ledger()).filteredOn(e -> e.kind() == LedgerKind.SETTLEMENT_CREDIT).hasSize(1);
                    assertThat(state.trades().get(0).settledAt()).isEqualTo(first);
                });
    }

    @Test
    @DisplayName("a later, contradicting resolution does not change a settled trade")
    void contradictingSettlementIgnored(VertxTestContext test) {
        check(test, () -> open(directional()).compose(t -> settleOn(t, Resolution.DOWN, T0.plusSeconds(300))
                .compose(ok -> settleOn(t, Resolution.UP, T0.plusSeconds(400))))
                .compose(ok2 -> repo.load().map(s -> List.of(ok2, s))), result -> {
                    assertThat(result.get(0)).isEqualTo(false);
                    Trade t = ((StoredState) result.get(1)).trades().get(0);
                    assertThat(t.outcome()).isEqualTo(Resolution.DOWN);
                    assertThat(t.payout()).isEqualTo(Usd.ZERO);
                });
    }

    @Test
    @DisplayName("settling an unknown trade id returns false and writes nothing")
    void unknownTradeSettlesNothing(VertxTestContext test) {
        Trade ghost = settle(directional().withId(42), Resolution.UP, T0.plusSeconds(300));
        check(test, () -> open(directional()).compose(t -> repo.settleTrade(ghost, creditFor(ghost)))
                .compose(ok -> repo.load().map(s -> List.of(ok, s))), result -> {
                    assertThat(result.get(0)).isEqualTo(false);
                    StoredState state = (StoredState) result.get(1);
                    assertThat(state.ledger()).hasSize(1);
                    assertThat(state.trades().get(0).isOpen()).isTrue();
                });
    }

    @Test
    @DisplayName("bug 2: a credit of amount + pnl instead of the payout is refused and the trade stays open")
    void creditMustBeThePayout(VertxTestContext test) {
        check(test, () -> open(directional()).compose(t -> {
            Trade settled = settle(t, Resolution.UP, T0.plusSeconds(300));
            LedgerEntry wrong = LedgerEntry.of(LedgerKind.SETTLEMENT_CREDIT, settled.amount().plus(settled.pnl()), 0,
                    settled.settledAt(), "amount + pnl");
            return repo.settleTrade(settled, wrong).map(ok -> (Throwable) null).otherwise(e -> e);
        }).compose(error -> repo.load().map(s -> List.of(error, s))), r -> {
            assertThat((Throwable) r.get(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payout");
            StoredState state = (StoredState) r.get(1);
            assertThat(state.trades().get(0).isOpen()).isTrue();
            assertThat(state.ledger()).hasSize(1);
        });
    }

    @Test
    @DisplayName("an UNKNOWN resolution is never settled: refused, the trade stays open")
    void unknownResolutionRefused(VertxTestContext test) {
        check(test, () -> open(directional()).compose(t -> {
            Trade bogus = new Trade(t.id(), t.marketId(), t.slug(), t.side(), t.tokenId(), t.price(), null, null,
                    t.shares(), null, t.amount(), t.fee(), TradeStatus.SETTLED, Resolution.UNKNOWN, Usd.ZERO,
                    Usd.ZERO.minus(t.totalCost()), t.sources(), t.confidence(), t.windowEnd(), t.openedAt(),
                    T0.plusSeconds(300), t.externalId());
            return repo.settleTrade(bogus, creditFor(bogus)).map(ok -> (Throwable) null).otherwise(e -> e);
        }).compose(error -> repo.load().map(s -> List.of(error, s))), r -> {
            assertThat((Throwable) r.get(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("known winner");
            assertThat(((StoredState) r.get(1)).trades().get(0).isOpen()).isTrue();
        });
    }

    // ---------------------------------------------------------------- listing and counting

    @Test
    @DisplayName("listTrades pages newest first: later opening time first, then by limit and offset")
    void listNewestFirstWithPaging(VertxTestContext test) {
        int[] minutes = {3, 0, 4, 1, 2};   // inserted out of time order
        check(test, () -> {
            Future<Trade> chain = Future.succeededFuture();
            for (int m : minutes) {
                chain = chain.compose(x -> open(directional("0xm" + m, T0.plus(Duration.ofMinutes(m)))));
            }
            return chain.compose(x -> Future.all(List.of(repo.listTrades(2, 0), repo.listTrades(2, 2),
                    repo.listTrades(2, 4), repo.listTrades(10, 5), repo.listTrades(0, 0), repo.listTrades(100, 0))));
        }, pages -> {
            assertThat(pages.<List<Trade>>resultAt(0)).extracting(Trade::marketId).containsExactly("0xm4", "0xm3");
            assertThat(pages.<List<Trade>>resultAt(1)).extracting(Trade::marketId).containsExactly("0xm2", "0xm1");
            assertThat(pages.<List<Trade>>resultAt(2)).extracting(Trade::marketId).containsExactly("0xm0");
            assertThat(pages.<List<Trade>>resultAt(3)).isEmpty();
            assertThat(pages.<List<Trade>>resultAt(4)).isEmpty();
            assertThat(pages.<List<Trade>>resultAt(5)).extracting(Trade::openedAt).isSortedAccordingTo(
                    Comparator.reverseOrder());
        });
    }

    @Test
    @DisplayName("trades opened at the same instant list the later id first")
    void listTiesByIdDescending(VertxTestContext test) {
        check(test, () -> open(directional("0xfirst", T0)).compose(a -> open(directional("0xsecond", T0)))
                .compose(b -> repo.listTrades(10, 0)), list -> assertThat(list).extracting(Trade::marketId)
                .containsExactly("0xsecond", "0xfirst"));
    }

    @Test
    @DisplayName("a negative limit or offset is refused")
    void negativePagingRefused(VertxTestContext test) {
        check(test, () -> Future.all(List.of(repo.listTrades(-1, 0).map(x -> false).otherwise(true),
                repo.listTrades(1, -1).map(x -> false).otherwise(true))),
                all -> assertThat(all.<Boolean>list()).containsOnly(true));
    }

    @Test
    @DisplayName("listed trades carry their settlement the same as loaded ones")
    void listShowsSettlement(VertxTestContext test) {
        check(test, () -> open(directional()).compose(t -> settleOn(t, Resolution.UP, T0.plusSeconds(300)))
                .compose(ok -> Future.all(repo.listTrades(1, 0), repo.load())), all -> {
                    List<Trade> listed = all.resultAt(0);
                    StoredState state = all.resultAt(1);
                    assertThat(listed).containsExactlyElementsOf(state.trades());
                    assertThat(listed.get(0).status()).isEqualTo(TradeStatus.SETTLED);
                });
    }

    @Test
    @DisplayName("countTrades counts open and settled trades alike")
    void countTrades(VertxTestContext test) {
        check(test, () -> open(directional("0xa", T0)).compose(a -> open(directional("0xb", T0.plusSeconds(1)))
                .compose(b -> settleOn(a, Resolution.UP, T0.plusSeconds(300))))
                .compose(x -> open(arbitrage()))
                .compose(x -> repo.countTrades()), n -> assertThat(n).isEqualTo(3));
    }

    // ---------------------------------------------------------------- control state, snapshots, top-ups

    @Test
    @DisplayName("the control state is saved, replaced by the next save, and loaded")
    void controlStateSaveReplaceLoad(VertxTestContext test) {
        ControlState tripped = new ControlState(TradingState.BREAKER, "drawdown 20% >= 20%", T0);
        ControlState resumed = ControlState.running(T0.plusSeconds(3600));
        check(test, () -> repo.saveControlState(tripped).compose(v -> repo.load())
                .compose(first -> repo.saveControlState(resumed).compose(v -> repo.load())
                        .map(second -> List.of(first, second))), both -> {
                    assertThat(both.get(0).control()).isEqualTo(tripped);
                    assertThat(both.get(1).control()).isEqualTo(resumed);
                });
    }

    @Test
    @DisplayName("a control state without a time or reason round-trips (reason becomes empty)")
    void controlStateWithoutTime(VertxTestContext test) {
        check(test, () -> repo.saveControlState(new ControlState(TradingState.STOPPED, null, null))
                .compose(v -> repo.load()), state -> {
                    assertThat(state.control().state()).isEqualTo(TradingState.STOPPED);
                    assertThat(state.control().reason()).isEmpty();
                    assertThat(state.control().since()).isNull();
                });
    }

    @Test
    @DisplayName("saving a day's snapshot again replaces it; snapshots list by day and the last one is the closed day")
    void dailySnapshotUpsert(VertxTestContext test) {
        LocalDate d1 = LocalDate.of(2026, 5, 11);
        LocalDate d2 = LocalDate.of(2026, 5, 12);
        DailySnapshot later = new DailySnapshot(d2, Usd.of("1010"), Usd.of("1015"), Usd.of("10"), Usd.of("0.3"), 4,
                3, 1, T0);
        DailySnapshot earlier = new DailySnapshot(d1, Usd.of("1000"), Usd.of("1000"), Usd.ZERO, Usd.ZERO, 0, 0, 0,
                T0.minusSeconds(86_400));
        DailySnapshot corrected = new DailySnapshot(d2, Usd.of("1011"), Usd.of("1016"), Usd.of("11"),
                Usd.of("0.31"), 5, 3, 2, T0.plusSeconds(5));
        check(test, () -> repo.saveDailySnapshot(later).compose(v -> repo.saveDailySnapshot(earlier))
                .compose(v -> repo.saveDailySnapshot(corrected))
                .compose(v -> Future.all(repo.dailySnapshots(), repo.load())), all -> {
                    assertThat(all.<List<DailySnapshot>>resultAt(0)).containsExactly(earlier, corrected);
                    assertThat(all.<StoredState>resultAt(1).lastClosedDay()).isEqualTo(d2);
                });
    }

    @Test
    @DisplayName("top-ups are ledger entries of their own, numbered in order and linked to no trade")
    void topUps(VertxTestContext test) {
        check(test, () -> repo.appendEntry(deposit("1000"))
                .compose(d -> repo.appendEntry(topUp("250.5", T0)).map(t -> List.of(d, t))), entries -> {
                    assertThat(entries).extracting(LedgerEntry::seq).containsExactly(1L, 2L);
                    assertThat(entries.get(1).kind()).isEqualTo(LedgerKind.TOPUP);
                    assertThat(entries.get(1).amount()).isEqualTo(Usd.of("250.5"));
                    assertThat(entries.get(1).tradeId()).isZero();
                    assertThat(entries.get(1).note()).isEqualTo("/topup 250.5");
                });
    }

    @Test
    @DisplayName("the initial deposit is written once; a second one is refused")
    void initialDepositOnce(VertxTestContext test) {
        check(test, () -> repo.appendEntry(deposit("1000"))
                .compose(d -> repo.appendEntry(deposit("1000")).map(x -> (Throwable) null).otherwise(e -> e))
                .compose(refused -> repo.load().map(s -> List.of(refused, s))), r -> {
                    assertThat((Throwable) r.get(0)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("initial deposit is already");
                    assertThat(((StoredState) r.get(1)).ledger()).hasSize(1);
                });
    }

    @Test
    @DisplayName("appendEntry takes only deposits and top-ups that are not negative and belong to no trade")
    void appendEntryRefusesOthers(VertxTestContext test) {
        List<LedgerEntry> refused = List.of(
                LedgerEntry.of(LedgerKind.TRADE_DEBIT, Usd.of("-1"), 0, T0, ""),
                LedgerEntry.of(LedgerKind.SETTLEMENT_CREDIT, Usd.of("1"), 0, T0, ""),
                LedgerEntry.of(LedgerKind.TOPUP, Usd.of("-5"), 0, T0, "a withdrawal in disguise"),
                LedgerEntry.of(LedgerKind.TOPUP, Usd.of("5"), 3, T0, "linked"),
                new LedgerEntry(9, LedgerKind.TOPUP, Usd.of("5"), 0, T0, "already numbered"));
        check(test, () -> Future.all(refused.stream()
                .map(e -> repo.appendEntry(e).map(x -> false).otherwise(true)).toList())
                .compose(all -> repo.load().map(s -> List.of(all.<Boolean>list(), s))), r -> {
                    assertThat(r.get(0)).isEqualTo(Collections.nCopies(5, true));
                    assertThat(((StoredState) r.get(1)).ledger()).isEmpty();
                });
    }

    // ---------------------------------------------------------------- the money invariant under random sequences

    @Test
    @DisplayName("random deposits, top-ups, trades and (repeated) settlements keep the ledger equal to the model")
    void randomSequencesKeepTheBalance(VertxTestContext test) {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Model model = new Model(seed);
        check(test, () -> repo.appendEntry(deposit("1000")).compose(e -> {
            model.balance = Usd.of("1000");
            return steps(random, model, 0, 50);
        }).compose(v -> repo.load()), state -> {
            assertThat(LedgerInvariant.balance(state.ledger())).as("seed %d", seed).isEqualTo(model.balance);
            assertThat(state.trades()).as("seed %d", seed).hasSize(model.opened);
        });
    }

    /** What the balance must be, computed without the repository. */
    private static final class Model {
        final long seed;
        Usd balance = Usd.ZERO;
        int opened;
        final List<Trade> stored = new ArrayList<>();
        final List<Trade> settled = new ArrayList<>();

        Model(long seed) {
            this.seed = seed;
        }
    }

    private Future<Void> steps(Random random, Model model, int step, int total) {
        if (step == total) {
            return Future.succeededFuture();
        }
        Instant at = T0.plusSeconds(step);
        int action = random.nextInt(10);
        Future<Void> done;
        if (action < 4) {
            Trade t = TestTrades.withMoney(random.nextBoolean() ? directional("0x" + step, at) : arbitrage("0x" + step,
                    at), Usd.ofMicros(1_000_000L + random.nextInt(50_000_000)), Usd.ofMicros(random.nextInt(500_000)),
                    Shares.ofMicros(1_000_000L + random.nextInt(90_000_000)));
            done = open(t).map(stored -> {
                model.stored.add(stored);
                model.opened++;
                model.balance = model.balance.minus(t.totalCost());
                return null;
            });
        } else if (action < 8 && !model.stored.isEmpty()) {
            // half of the settlements pick a trade that may already be settled: it must settle only once
            Trade t = model.stored.get(random.nextInt(model.stored.size()));
            Resolution winner = random.nextBoolean() ? Resolution.UP : Resolution.DOWN;
            boolean fresh = !model.settled.contains(t);
            done = settleOn(t, winner, at).map(ok -> {
                if (ok != fresh) {
                    throw new AssertionError("seed " + model.seed + ": settle of trade " + t.id() + " returned "
                            + ok + " (fresh: " + fresh + ")");
                }
                if (ok) {
                    model.settled.add(t);
                    model.balance = model.balance.plus(settle(t, winner, at).payout());
                }
                return null;
            });
        } else {
            Usd amount = Usd.ofCents(random.nextInt(10_000));
            done = repo.appendEntry(LedgerEntry.of(LedgerKind.TOPUP, amount, 0, at, "")).map(e -> {
                model.balance = model.balance.plus(amount);
                return null;
            });
        }
        return done.compose(v -> repo.load()).compose(state -> {
            Usd ledger = LedgerInvariant.balance(state.ledger());
            if (!ledger.equals(model.balance)) {
                throw new AssertionError("seed " + model.seed + ", step " + step + ": ledger " + ledger
                        + " != model " + model.balance);
            }
            return steps(random, model, step + 1, total);
        });
    }
}
