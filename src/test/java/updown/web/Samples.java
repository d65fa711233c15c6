package updown.web;

import java.time.Instant;
import java.util.List;
import updown.domain.Direction;
import updown.domain.MarketStatus;
import updown.domain.MarketsView;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.TraderTicked;
import updown.domain.Usd;

/** Small records for dashboard tests, with the shapes the real portfolio and trader produce. */
final class Samples {
    static final Instant START = Instant.parse("2026-05-12T10:00:00Z");
    static final String SLUG = "btc-updown-5m-1778580000";
    static final String UP_TOKEN = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    static final String DOWN_TOKEN = "52114319501245915516055106046884209969926127482827954674443846427813813222426";

    private Samples() {
    }

    /** An open BUY_UP at {@code price}: shares = amount / price, the alt leg absent (null, not zero). */
    static Trade directional(String amount, String price, String fee, Instant openedAt) {
        Usd a = Usd.of(amount);
        Price p = Price.of(price);
        return new Trade(0, "540817", SLUG, Direction.BUY_UP, UP_TOKEN, p, null, null, a.sharesAt(p), null, a,
                Usd.of(fee), TradeStatus.OPEN, null, null, null, List.of("directional", "obi"), Ratio.of("0.72"),
                openedAt.plusSeconds(240), openedAt, null, null);
    }

    /** An open ARB whose Down leg filled at exactly 0.00: a real price, distinct from an absent one. */
    static Trade arbWithZeroAltPrice(Instant openedAt) {
        return new Trade(0, "540817", SLUG, Direction.ARB, UP_TOKEN, Price.of("0.45"), DOWN_TOKEN, Price.ZERO,
                Shares.of("10"), Shares.of("10"), Usd.of("4.50"), Usd.of("0.1575"), TradeStatus.OPEN, null, null,
                null, List.of("arbitrage"), Ratio.ONE, openedAt.plusSeconds(200), openedAt, null, null);
    }

    static TraderTicked freshTick(Instant at) {
        return new TraderTicked(at, 1, 0, true, 0, 1_200);
    }

    static MarketsView markets(Instant at) {
        MarketStatus m = new MarketStatus(SLUG, "Bitcoin Up or Down - May 12, 6:00AM-6:05AM ET", START,
                START.plusSeconds(300), Price.of("0.51"), Price.of("0.53"), Price.of("0.47"), Price.of("0.49"), false,
                true, at.minusSeconds(3), 103_512_250_000L, "SKIP: confidence 0.41 below 0.60");
        return new MarketsView(List.of(m), true, at.minusSeconds(20), 103_498_010_000L, at);
    }
}
