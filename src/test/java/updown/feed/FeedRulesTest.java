package updown.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Candle;
import updown.domain.MarketEvent;
import updown.domain.Micros;
import updown.domain.Resolution;

class FeedRulesTest {
    static final Instant B = Instant.parse("2026-09-18T02:10:00Z");

    private static TreeMap<Long, Long> reports(Object... pairs) {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(B.toEpochMilli() + ((Number) pairs[i]).longValue(), Micros.parse((String) pairs[i + 1]));
        }
        return m;
    }

    @Test
    @DisplayName("the boundary rule follows the market's resolutionSource: spot, 30 s or 60 s TWAP")
    void ruleFromSource() {
        assertThat(BoundaryRule.forSource("https://data.chain.link/streams/btc-usd").kind())
                .isEqualTo(BoundaryRule.Kind.SPOT_FIRST_AT_OR_AFTER);
        assertThat(BoundaryRule.forSource("https://data.chain.link/streams/btc-usd-twap-60s-streams"))
                .isEqualTo(new BoundaryRule(BoundaryRule.Kind.TWAP_BEFORE, 60_000));
        assertThat(BoundaryRule.forSource("https://data.chain.link/streams/btc-usd-twap-30s-streams").windowMs())
                .isEqualTo(30_000);
        assertThat(BoundaryRule.forSource(null).kind()).isEqualTo(BoundaryRule.Kind.SPOT_FIRST_AT_OR_AFTER);
        assertThat(BoundaryRule.forSource("").kind()).isEqualTo(BoundaryRule.Kind.SPOT_FIRST_AT_OR_AFTER);
    }

    @Test
    @DisplayName("spot: the first report at or after the boundary; unknown until one arrives")
    void spot() {
        BoundaryRule r = BoundaryRule.forSource("btc-usd");
        assertThat(r.priceAt(B, reports(-500, "1.0"))).isEmpty();
        assertThat(r.priceAt(B, reports(-500, "1.0", 0, "2.0", 700, "3.0"))).hasValue(Micros.parse("2.0"));
        assertThat(r.priceAt(B, reports(-500, "1.0", 300, "3.0"))).hasValue(Micros.parse("3.0"));
    }

    @Test
    @DisplayName("TWAP: time-weighted over the window before the boundary, each report holding until the next")
    void twap() {
        BoundaryRule r = new BoundaryRule(BoundaryRule.Kind.TWAP_BEFORE, 60_000);
        // 100 from -70 s (covers -60..-45), 200 from -45 s (-45..-15), 400 from -15 s (-15..0): (15×100+30×200+15×400)/60
        TreeMap<Long, Long> m = reports(-70_000, "100", -45_000, "200", -15_000, "400", 500, "999");
        assertThat(r.priceAt(B, m)).hasValue(Micros.parse("225"));
        // not known before a report at or after the boundary
        assertThat(r.priceAt(B, reports(-70_000, "100", -15_000, "400"))).isEmpty();
        // started late: coverage of at least half the window is required
        assertThat(r.priceAt(B, reports(-20_000, "100", 10, "1"))).isEmpty();
        assertThat(r.priceAt(B, reports(-40_000, "100", -20_000, "200", 10, "1"))).hasValue(Micros.parse("150"));
        // rounding happens once, to the nearest micro-dollar
        assertThat(new BoundaryRule(BoundaryRule.Kind.TWAP_BEFORE, 3).priceAt(B,
                reports(-3, "0.000001", -2, "0.000002", -1, "0.000002", 0, "5"))).hasValue(2L);
    }

    @Test
    @DisplayName("the tracker publishes the start price, then start and end; ties read Up")
    void tracker() {
        PriceToBeatTracker t = new PriceToBeatTracker();
        Instant end = B.plusSeconds(300);
        t.track(new ReferenceWindow("s", "BTC", B, end, "https://data.chain.link/streams/btc-usd"));
        assertThat(t.poll(B)).isEmpty();
        t.addReport(new ReferenceTick("btc/usd", B.plusMillis(100), 5_000_000L));
        t.addReport(new ReferenceTick("eth/usd", B.plusMillis(100), 7_000_000L));
        assertThat(t.poll(B.plusSeconds(1))).singleElement()
                .isEqualTo(new MarketEvent.PriceToBeat("s", B, 5_000_000L, null, B.plusSeconds(1)));
        assertThat(t.poll(B.plusSeconds(2))).isEmpty();
        assertThat(t.reading("s")).isEmpty();
        t.addReport(new ReferenceTick("btc/usd", end.plusMillis(50), 5_000_000L));
        MarketEvent.PriceToBeat p = t.poll(end.plusSeconds(1)).get(0);
        assertThat(p.endMicros()).isEqualTo(5_000_000L);
        assertThat(t.reading("s")).hasValue(Resolution.UP);
        assertThat(t.describe("s")).contains("SPOT");
        // windows are forgotten two hours after their end
        t.poll(end.plusSeconds(7_300));
        assertThat(t.reading("s")).isEmpty();
    }

    @Test
    @DisplayName("the candle series accepts each minute once, in order, and reports gaps")
    void candleSeries() {
        CandleSeries s = new CandleSeries(3);
        long m0 = 1_778_584_200_000L;
        Candle c0 = Candle.ofClose(Instant.ofEpochMilli(m0), "1");
        assertThat(s.fit(c0)).isEqualTo(CandleSeries.Fit.FIRST);
        s.append(c0);
        assertThat(s.fit(c0)).isEqualTo(CandleSeries.Fit.DUPLICATE);
        assertThat(s.fit(Candle.ofClose(Instant.ofEpochMilli(m0 + 60_000), "1"))).isEqualTo(CandleSeries.Fit.NEXT);
        assertThat(s.fit(Candle.ofClose(Instant.ofEpochMilli(m0 + 180_000), "1"))).isEqualTo(CandleSeries.Fit.GAP);
        assertThatThrownBy(() -> s.append(c0)).isInstanceOf(IllegalArgumentException.class);
        for (int i = 1; i <= 4; i++) {
            s.append(Candle.ofClose(Instant.ofEpochMilli(m0 + i * 60_000L), "1"));
        }
        assertThat(s.history()).hasSize(3);
        assertThat(s.lastOpenMs()).isEqualTo(m0 + 240_000);
    }
}
