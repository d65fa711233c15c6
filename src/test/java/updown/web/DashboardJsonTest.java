package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.ControlState;
import updown.domain.PortfolioSnapshot;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.domain.Usd;

@DisplayName("dashboard JSON")
class DashboardJsonTest {
    private static final Instant T = Instant.parse("2026-05-12T14:59:59Z");

    @Test
    @DisplayName("times are ISO-8601 UTC with a KST twin, and the KST day turns at 15:00 UTC")
    void times() {
        assertThat(Times.utc(T)).isEqualTo("2026-05-12T14:59:59Z");
        assertThat(Times.kst(T)).isEqualTo("2026-05-12T23:59:59+09:00");
        assertThat(Times.kst(T.plusSeconds(1))).isEqualTo("2026-05-13T00:00:00+09:00");
        JsonObject j = Times.put(new JsonObject(), "at", null);
        assertThat(j.containsKey("at")).isTrue();
        assertThat(j.getValue("atKst")).isNull();
    }

    @Test
    @DisplayName("negative P&L and sub-cent amounts keep the one money format")
    void losingTrade() {
        Trade t = Samples.directional("10", "0.60", "0.168", T).withId(7).settled(Resolution.DOWN, Usd.ZERO,
                T.plusSeconds(300));
        JsonObject j = DashboardJson.trade(t);
        assertThat(j.getValue("pnl")).isEqualTo("-10.168");
        assertThat(j.getValue("payout")).isEqualTo("0.00");
        assertThat(j.getValue("cost")).isEqualTo("10.168");
        assertThat(j.getString("outcome")).isEqualTo("DOWN");
        assertThat(j.getValue("altShares")).isNull();
    }

    @Test
    @DisplayName("a tripped breaker shows its state and reason")
    void breaker() {
        PortfolioSnapshot s = new PortfolioSnapshot(Usd.of("790"), Usd.of("1000"), Usd.of("-210"), Usd.of("3"),
                Usd.ZERO, 4, 9, 0, Usd.ZERO, null, Usd.of("-55.5"), Usd.of("55.5"), 13,
                new ControlState(TradingState.BREAKER, "daily loss 55.50 reached 50.00", T), T);
        JsonObject j = DashboardJson.snapshot(s);
        assertThat(j.getJsonObject("trading").getString("state")).isEqualTo("breaker");
        assertThat(j.getJsonObject("trading").getString("reason")).contains("daily loss");
        assertThat(j.getJsonObject("trading").getString("sinceKst")).isEqualTo("2026-05-12T23:59:59+09:00");
        assertThat(j.getValue("drawdown")).isEqualTo("0.21");
        assertThat(j.getValue("winRate")).isEqualTo("0.307692");
        assertThat(j.getJsonObject("today").getValue("pnl")).isEqualTo("-55.50");
        assertThat(j.getJsonObject("today").getValue("day")).isNull();
    }
}
