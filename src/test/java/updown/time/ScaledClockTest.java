package updown.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScaledClockTest {
    static final Instant T0 = Instant.parse("2026-05-12T00:00:30Z");

    @Test
    @DisplayName("a held clock reads its start until released, then runs forward from it")
    void heldUntilReleased() {
        ScaledClock clock = ScaledClock.held(T0, 600);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        clock.release();
        Instant first = clock.instant();
        assertThat(first).isAfterOrEqualTo(T0);
        // a condition, not a sleep: spin until the wall clock moved on
        Instant later = first;
        while (!later.isAfter(first)) {
            later = clock.instant();
        }
        assertThat(later).isAfter(first);
        clock.release();
        assertThat(clock.instant()).as("a second release does not restart time").isAfterOrEqualTo(later);
    }

    @Test
    @DisplayName("hold stops time where it is, release lets it run on from there without a jump back")
    void holdAndRelease() {
        ScaledClock clock = new ScaledClock(T0, 600);
        assertThat(clock.isRunning()).isTrue();
        clock.hold();
        Instant held = clock.instant();
        assertThat(held).isAfterOrEqualTo(T0);
        assertThat(clock.instant()).isEqualTo(held);
        assertThat(clock.isRunning()).isFalse();
        clock.hold();
        assertThat(clock.instant()).isEqualTo(held);
        clock.release();
        Instant later = clock.instant();
        while (!later.isAfter(held)) {
            later = clock.instant();
        }
        assertThat(later).isAfter(held);
    }

    @Test
    @DisplayName("waits shrink by the speed, at least 1 ms; a bad speed is refused")
    void delays() {
        ScaledClock clock = new ScaledClock(T0, 60);
        assertThat(clock.realDelayMillis(5 * 60_000)).isEqualTo(5_000);
        assertThat(clock.realDelayMillis(10)).isEqualTo(1);
        assertThat(clock.speed()).isEqualTo(60.0);
        assertThatThrownBy(() -> new ScaledClock(T0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScaledClock.held(T0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
