package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.time.VirtualClock;

@DisplayName("backtest progress line: share replayed, elapsed and time left, redrawn at most once per interval")
class ReplayProgressLineTest {
    private static final Instant FROM = Instant.parse("2022-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2022-01-11T00:00:00Z");

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final VirtualClock wall = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ReplayProgressLine line = new ReplayProgressLine(new PrintStream(err, true,
            StandardCharsets.UTF_8), wall, FROM, TO, Duration.ofSeconds(1));

    private String drawn() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a quarter of the span in 2 s of wall time shows 25 % and about 6 s left")
    void quarter() {
        wall.advance(Duration.ofSeconds(2));
        line.reached(FROM.plus(Duration.ofDays(2)).plus(Duration.ofHours(12)));
        assertThat(drawn()).startsWith("\r[#######.......................]  25% replayed to 2022-01-03T12:00:00Z")
                .contains("2s elapsed, ~6s left");
        line.finish();
        assertThat(drawn()).endsWith(System.lineSeparator());
    }

    @Test
    @DisplayName("nothing is drawn before the interval has passed, nor twice within one; no line, no newline")
    void throttled() {
        line.reached(FROM.plus(Duration.ofDays(1)));
        line.finish();
        assertThat(drawn()).isEmpty();
        wall.advance(Duration.ofMillis(1_500));
        line.reached(FROM.plus(Duration.ofDays(2)));
        wall.advance(Duration.ofMillis(500));
        line.reached(FROM.plus(Duration.ofDays(3)));
        assertThat(drawn()).contains(" 20% ").doesNotContain(" 30% ");
    }
}
