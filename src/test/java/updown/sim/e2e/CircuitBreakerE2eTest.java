package updown.sim.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.domain.Direction;
import updown.domain.Outcome;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.repository.StoredState;
import updown.synthetic.OutcomeOverride;
import updown.synthetic.SimOptions;
import updown.synthetic.SimWindow;

@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("circuit breaker end to end")
class CircuitBreakerE2eTest {
    static final long SEED = 11;

    /**
     * Resolves each window against the side the bot holds there (for an arbitrage, the leg with fewer shares), as long
     * as {@code forcing} is set; windows the bot did not trade resolve as Chainlink says.
     */
    static OutcomeOverride againstTheBot(AtomicReference<BotObserver> observer, AtomicBoolean forcing) {
        return (SimWindow w, Outcome chainlink) -> {
            BotObserver o = observer.get();
            if (!forcing.get() || o == null) {
                return chainlink;
            }
            return o.executedIn(w.slug()).map(CircuitBreakerE2eTest::losingOutcome).orElse(chainlink);
        };
    }

    static Outcome losingOutcome(Trade t) {
        return switch (t.side()) {
            case BUY_UP -> Outcome.DOWN;
            case BUY_DOWN -> Outcome.UP;
            default -> t.shares().compareTo(t.altShares()) <= 0 ? Outcome.UP : Outcome.DOWN;
        };
    }

    @Test
    @DisplayName("forced losses trip the breaker, nothing is traded while it is tripped, and a resume trades again")
    void forcedLossesTripTheBreaker(Vertx vertx, @TempDir Path dataDir) {
        AtomicReference<BotObserver> observerRef = new AtomicReference<>();
        AtomicBoolean forcing = new AtomicBoolean(true);
        SimOptions options = SimOptions.defaults().withSeed(SEED).withArbRate(0.15)
                .withResolutionDelay(Duration.ofSeconds(60), Duration.ofSeconds(90))
                .withOutcomeOverride(againstTheBot(observerRef, forcing));
        // two losing $10 trades reach a $15 daily loss
        SimRun run = SimRun.start(vertx, SimRun.SPEED, options, dataDir, Map.of("MAX_DAILY_LOSS", "15"),
                observerRef::set);
        try {
            run.until("the breaker tripped", () -> !run.observer.trips().isEmpty());
            forcing.set(false);
            PortfolioEvent.BreakerTripped trip = run.observer.trips().get(0);
            Instant trippedAt = trip.snapshot().at();
            assertThat(trip.reason()).contains("daily limit");
            assertThat(trip.snapshot().control().state()).isEqualTo(TradingState.BREAKER);
            List<Trade> lostBeforeTrip = run.observer.settled().stream().filter(t -> !t.isWin()).toList();
            assertThat(lostBeforeTrip).as("losing settlements before the trip").hasSizeGreaterThanOrEqualTo(2);

            // stay tripped for two whole windows after the one running at the trip: nothing may open
            SimWindow tripWindow = run.exchange.model().windowAt(trippedAt).orElseThrow();
            Instant quietUntil = run.window(tripWindow.index() + 3).start();
            run.until("two quiet windows passed", () -> run.reached(quietUntil));
            assertThat(run.observer.executed()).as("trades opened after the breaker tripped at %s", trippedAt)
                    .noneMatch(t -> t.openedAt().isAfter(trippedAt));
            assertThat(run.snapshot().control().state()).isEqualTo(TradingState.BREAKER);

            PortfolioSnapshot resumed = SimRun.await(vertx.eventBus()
                    .request(Addresses.PORTFOLIO_RESUME, new PortfolioCommand.ResumeTrading("e2e test"))
                    .map(m -> (PortfolioSnapshot) m.body()));
            assertThat(resumed.control().state()).isEqualTo(TradingState.RUNNING);
            Instant resumedAt = resumed.control().since();
            run.until("a trade after the resume", () -> run.observer.executed().stream()
                    .anyMatch(t -> t.openedAt().isAfter(resumedAt)));
            Trade after = run.observer.executed().stream().filter(t -> t.openedAt().isAfter(resumedAt))
                    .findFirst().orElseThrow();
            int lastWindow = run.windowOf(after).index();
            run.untilWindows(lastWindow + 1);

            PortfolioSnapshot memory = run.quiesce();
            run.stopBot();
            StoredState db = run.readDb();
            Invariants.check(run.exchange, run.observer, memory, db);
            assertThat(run.observer.stateChanges()).as("the resume was announced")
                    .anyMatch(c -> c.previous() == TradingState.BREAKER && c.control().state() == TradingState.RUNNING);
            assertThat(db.trades()).as("no trade was stored with an open time inside the tripped period")
                    .noneMatch(t -> t.openedAt().isAfter(trippedAt) && t.openedAt().isBefore(resumedAt));
            assertThat(lostBeforeTrip).allMatch(t -> t.side() == Direction.ARB || t.payout().isZero());
        } finally {
            run.close();
        }
    }
}
