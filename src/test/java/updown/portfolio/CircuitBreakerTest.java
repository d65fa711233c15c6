package updown.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.config.BotConfig;
import updown.domain.ControlState;
import updown.domain.PortfolioSnapshot;
import updown.domain.Ratio;
import updown.domain.Usd;

@DisplayName("Circuit breaker: drawdown from peak and the KST day's loss, both tripping at equality")
class CircuitBreakerTest {
    private final CircuitBreaker breaker = new CircuitBreaker(new BotConfig.Risk(Ratio.of("0.20"), Usd.of("50")));
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    private static PortfolioSnapshot snap(String balance, String peak, String todayLoss) {
        return new PortfolioSnapshot(Usd.of(balance), Usd.of(peak), Usd.ZERO, Usd.ZERO, Usd.ZERO, 0, 0, 0, Usd.ZERO,
                LocalDate.of(2026, 11, 25), Usd.of(todayLoss).negate(), Usd.of(todayLoss), 0,
                ControlState.running(NOW), NOW);
    }

    @Test
    @DisplayName("a drawdown of exactly the limit trips")
    void drawdownAtLimitTrips() {
        assertThat(breaker.check(snap("800", "1000", "0"))).hasValueSatisfying(r -> assertThat(r).contains("20"));
    }

    @Test
    @DisplayName("a drawdown one micro-dollar short of the limit does not trip")
    void drawdownJustBelowLimit() {
        assertThat(breaker.check(snap("800.000001", "1000", "0"))).isEmpty();
    }

    @Test
    @DisplayName("a daily loss of exactly the limit trips, one cent less does not")
    void dailyLossBoundary() {
        assertThat(breaker.check(snap("990", "1000", "50"))).hasValueSatisfying(r -> assertThat(r).contains("50.00"));
        assertThat(breaker.check(snap("990", "1000", "49.99"))).isEmpty();
    }

    @Test
    @DisplayName("a fresh portfolio at its peak does not trip")
    void freshDoesNotTrip() {
        assertThat(breaker.check(snap("1000", "1000", "0"))).isEmpty();
    }
}
