package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.engine.live.ShadowTrade;

class ShadowReplyTest {

    @Test
    @DisplayName("/shadow lists paper vs live per trade: prices, fees, slippage, and a live refusal")
    void format() {
        ShadowTrade.Side paper = new ShadowTrade.Side(true, Price.of("0.45"), Shares.of("22"), Usd.of("10"),
                Usd.of("0.39"), null);
        ShadowTrade.Side live = new ShadowTrade.Side(true, Price.of("0.47"), Shares.of("21"), Usd.of("10"),
                Usd.of("0.37"), null);
        ShadowTrade.Side refused = new ShadowTrade.Side(false, null, null, null, null, "NO_LIQUIDITY: <killed>");
        Instant at = Instant.parse("2026-05-12T11:12:00Z");
        String text = ShadowReply.format(List.of(new ShadowTrade(at, "btc-updown-5m-1", Direction.BUY_UP, paper, live),
                new ShadowTrade(at, "btc-updown-5m-2", Direction.BUY_DOWN, paper, refused)));
        assertThat(text).contains("btc-updown-5m-1 BUY_UP: paper @0.45 fee $0.39 · live @0.47 fee $0.37 · slippage +0.02")
                .contains("btc-updown-5m-2 BUY_DOWN: paper @0.45 fee $0.39 · live refused (NO_LIQUIDITY: &lt;killed&gt;)");
        assertThat(ShadowReply.format(List.of())).startsWith("No paper-vs-live comparison yet");
    }
}
