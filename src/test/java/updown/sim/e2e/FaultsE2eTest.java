package updown.sim.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.MarketEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.TradeStatus;
import updown.repository.StoredState;
import updown.synthetic.fault.FaultEvent;
import updown.synthetic.fault.FaultKind;
import updown.synthetic.fault.FaultPlan;
import updown.synthetic.fault.ScheduledFault;
import updown.synthetic.SimOptions;
import updown.synthetic.SimResolution;
import updown.synthetic.SimWindow;

@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("injected faults end to end")
class FaultsE2eTest {
    static final long SEED = 3;
    static final Duration LATE = Duration.ofMinutes(5);

    /** One fault of every kind, two per window, on every venue the kind can hit. */
    static FaultPlan everyKind() {
        // a freeze much longer than the staleness limit, alone in its window (a reconnect after a drop would get a
        // socket that is not frozen); the drop comes in the next window
        Duration freeze = Duration.ofSeconds(250);
        return FaultPlan.of(
                ScheduledFault.at(FaultKind.WS_FREEZE, null, 1).withOffset(Duration.ofSeconds(40))
                        .withDuration(freeze),
                ScheduledFault.at(FaultKind.WS_DROP, null, 2).withOffset(Duration.ofSeconds(10)),
                ScheduledFault.at(FaultKind.HTTP_429, null, 2).withOffset(Duration.ofSeconds(30))
                        .withDuration(Duration.ofSeconds(90)),
                ScheduledFault.at(FaultKind.HTTP_5XX, null, 2).withOffset(Duration.ofSeconds(150))
                        .withDuration(Duration.ofSeconds(90)),
                ScheduledFault.at(FaultKind.MALFORMED, null, 3).withOffset(Duration.ofSeconds(30))
                        .withDuration(Duration.ofSeconds(60)),
                ScheduledFault.lateResolution(3, LATE));
    }

    @Test
    @DisplayName("after a websocket drop, a frozen socket, 429s, 5xx, malformed payloads and a late resolution the bot"
            + " still trades, and no invariant breaks")
    void ridesThroughEveryFault(Vertx vertx, @TempDir Path dataDir) {
        SimOptions options = SimOptions.defaults().withSeed(SEED).withArbRate(0.15).withFaults(everyKind());
        SimRun run = SimRun.start(vertx, SimRun.SPEED, options, dataDir, Map.of(), o -> { });
        try {
            List<FaultEvent> faults = new ArrayList<>();
            for (int w = 1; w <= 3; w++) {
                faults.addAll(run.exchange.faultsInWindow(w));
            }
            assertThat(faults).extracting(FaultEvent::kind).containsOnly(FaultKind.values())
                    .contains(FaultKind.values());
            Instant lastFaultEnd = faults.stream().map(FaultEvent::until).max(Instant::compareTo).orElseThrow();
            SimWindow late = run.window(3);

            // the bot trades again after the last fault ended and the late window resolved
            run.until("a trade after every fault", () -> run.observer.executed().stream()
                    .anyMatch(t -> t.openedAt().isAfter(lastFaultEnd)));
            run.until("the late window resolved", () -> run.exchange.publishedWinner(late).isPresent());
            int lastTraded = run.observer.executed().stream().mapToInt(t -> run.windowOf(t).index()).max()
                    .orElseThrow();
            run.untilWindows(Math.max(lastTraded, late.index()) + 1);

            for (FaultKind kind : FaultKind.values()) {
                assertThat(run.exchange.stats().faultsStarted(kind)).as("%s happened", kind).isPositive();
            }
            for (FaultEvent f : faults) {
                assertThat(run.observer.executed()).as("a trade opened after %s ended at %s", f, f.until())
                        .anyMatch(t -> t.openedAt().isAfter(f.until()) && run.windowOf(t).index() > f.window());
            }
            // the bot noticed the frozen CLOB socket: its books were flagged stale, or kept current by whole REST
            // snapshots (resyncs start after BOOK_STALE_MS / 2 of silence; the socket sent nothing meanwhile). Either
            // way none was traded while stale (checked in Invariants)
            FaultEvent freeze = faults.stream().filter(f -> f.kind() == FaultKind.WS_FREEZE).findFirst().orElseThrow();
            Instant resyncsFrom = freeze.at().plusMillis(SimRun.STALE_MS / 2);
            assertThat(run.observer.someBookStaleBetween(freeze.at(), freeze.until())
                    || run.observer.someSnapshotBetween(resyncsFrom, freeze.until()))
                    .as("the frozen socket %s was noticed: a stale flag or a REST resync", freeze).isTrue();
            SimResolution lateResolution = run.exchange.resolutions().stream()
                    .filter(r -> r.window().index() == late.index()).findFirst().orElseThrow();
            assertThat(lateResolution.at()).as("window 3 resolved late")
                    .isAfterOrEqualTo(late.end().plus(LATE).plus(Duration.ofSeconds(60)));

            PortfolioSnapshot memory = run.quiesce();
            run.stopBot();
            StoredState db = run.readDb();
            Invariants.check(run.exchange, run.observer, memory, db);
            assertThat(db.trades()).as("every trade settled").allMatch(t -> t.status() == TradeStatus.SETTLED);
            System.out.printf("e2e faults: %d trades %s, %d stale-book events, %s%n", db.trades().size(),
                    Invariants.bySources(db.trades()), run.observer.staleEvents().size(),
                    staleReasons(run.observer.staleEvents()));
        } finally {
            run.close();
        }
    }

    private static Map<String, Long> staleReasons(List<MarketEvent.BookHealth> events) {
        return events.stream().collect(java.util.stream.Collectors.groupingBy(
                h -> h.reason().replaceAll("[0-9]+", "N"), java.util.stream.Collectors.counting()));
    }
}
