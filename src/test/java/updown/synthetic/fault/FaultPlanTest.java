package updown.synthetic.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static final Instant W = Instant.parse("2026-05-12T11:10:00Z");

    @Test
    @DisplayName("fault specs name a random kind or a fault at a window, venue, offset and duration")
    void parsesSpecs() {
        FaultPlan p = FaultPlan.parse(List.of("ws-drop", " HTTP-429 ", "ws-freeze@3:clob-ws",
                "http-5xx@2:gamma+30/20", "late-resolution@4/600", ""), 77);
        assertThat(p.seed()).isEqualTo(77);
        assertThat(p.randomKinds()).containsExactlyInAnyOrder(FaultKind.WS_DROP, FaultKind.HTTP_429);
        assertThat(p.scheduled()).containsExactly(
                new ScheduledFault(FaultKind.WS_FREEZE, Venue.CLOB_WS, 3, Duration.ofSeconds(60),
                        Duration.ofSeconds(60)),
                new ScheduledFault(FaultKind.HTTP_5XX, Venue.GAMMA, 2, Duration.ofSeconds(30), Duration.ofSeconds(20)),
                new ScheduledFault(FaultKind.LATE_RESOLUTION, null, 4, Duration.ZERO, Duration.ofSeconds(600)));
        assertThat(p.toString()).contains("seed 77").contains("ws-freeze@3:clob-ws+60s/60s");
    }

    @Test
    @DisplayName("a bad fault spec is refused with its text in the message")
    void refusesBadSpecs() {
        assertThatThrownBy(() -> FaultPlan.parse(List.of("ws-explode"), 1)).hasMessageContaining("ws-explode");
        assertThatThrownBy(() -> FaultPlan.parse(List.of("ws-drop@x"), 1)).hasMessageContaining("ws-drop@x");
        assertThatThrownBy(() -> FaultPlan.parse(List.of("http-429@1:clob-ws"), 1))
                .hasMessageContaining("cannot hit clob-ws");
        assertThatThrownBy(() -> FaultPlan.parse(List.of("ws-drop@1:nowhere"), 1)).hasMessageContaining("nowhere");
    }

    @Test
    @DisplayName("a scheduled fault lands at its window start plus offset; with no venue it hits every eligible one")
    void scheduledPlacement() {
        FaultPlan p = FaultPlan.of(ScheduledFault.at(FaultKind.WS_DROP, null, 3),
                ScheduledFault.at(FaultKind.HTTP_429, Venue.BINANCE_REST, 3).withOffset(Duration.ofSeconds(10)));
        List<FaultEvent> ev = p.eventsInWindow(3, W);
        assertThat(ev).extracting(FaultEvent::venue)
                .containsExactly(Venue.CLOB_WS, Venue.BINANCE_WS, Venue.RTDS_WS, Venue.BINANCE_REST);
        assertThat(ev.get(0).at()).isEqualTo(W.plusSeconds(60));
        assertThat(ev.get(3).at()).isEqualTo(W.plusSeconds(10));
        assertThat(ev.get(3).activeAt(W.plusSeconds(24))).isTrue();
        assertThat(ev.get(3).activeAt(W.plusSeconds(25))).isFalse();
        assertThat(p.eventsInWindow(2, W.minusSeconds(300))).isEmpty();
    }

    @Test
    @DisplayName("random faults are a function of the seed, hit about the configured share of windows, spare window 0")
    void randomIsSeeded() {
        FaultPlan a = FaultPlan.random(123, Set.of(FaultKind.values())).withProbability(0.3);
        FaultPlan b = FaultPlan.random(123, Set.of(FaultKind.values())).withProbability(0.3);
        FaultPlan c = FaultPlan.random(124, Set.of(FaultKind.values())).withProbability(0.3);
        List<FaultEvent> all = new ArrayList<>();
        boolean differs = false;
        for (int i = 0; i < 400; i++) {
            Instant start = W.plusSeconds(300L * i);
            List<FaultEvent> ea = a.eventsInWindow(i, start);
            assertThat(ea).isEqualTo(b.eventsInWindow(i, start));
            differs |= !ea.equals(c.eventsInWindow(i, start));
            all.addAll(ea);
            if (i == 0) {
                assertThat(ea).isEmpty();
            }
            for (FaultEvent e : ea) {
                assertThat(e.random()).isTrue();
                assertThat(e.venue() == null).isEqualTo(e.kind() == FaultKind.LATE_RESOLUTION);
                if (e.venue() != null) {
                    assertThat(e.kind().hits(e.venue())).isTrue();
                }
            }
        }
        assertThat(differs).isTrue();
        double perKindPerWindow = all.size() / (399.0 * FaultKind.values().length);
        assertThat(perKindPerWindow).as("seed 123").isBetween(0.25, 0.35);
    }

    @Test
    @DisplayName("no faults means no events anywhere")
    void none() {
        assertThat(FaultPlan.none().isEmpty()).isTrue();
        assertThat(FaultPlan.parse(List.of(""), 5).isEmpty()).isTrue();
        assertThat(FaultPlan.none().eventsInWindow(5, W)).isEmpty();
    }
}
