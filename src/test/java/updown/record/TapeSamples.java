package updown.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import updown.domain.BookSide;
import updown.domain.Candle;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.domain.TraderTicked;
import updown.testkit.TradingFixtures;

/** Tape records of every kind, with edge values (nulls, zero prices, nanoseconds, 78-digit token ids). */
final class TapeSamples {
    static final Instant T0 = Instant.parse("2026-05-12T11:10:00.123456789Z");

    private TapeSamples() {
    }

    static Market market() {
        return TradingFixtures.market();
    }

    /** One record of each type, plus a few variants with nulls and extremes, times increasing from {@code t0}. */
    static List<TapeRecord> everyKind(Instant t0) {
        Market m = market();
        String up = m.upTokenId();
        List<TapeRecord> out = new ArrayList<>();
        Instant t = t0;
        out.add(ev(new MarketEvent.MarketDiscovered(m, t)));
        Market odd = new Market(null, null, "btc-updown-5m-1", null, null, Instant.ofEpochSecond(1, 999_999_999),
                Instant.ofEpochSecond(301), "1", "2", Price.ZERO, Shares.ofMicros(-5),
                new FeeSchedule(Ratio.ZERO, 0, false), false, true, false, false);
        out.add(ev(new MarketEvent.MarketDiscovered(odd, t = t.plusNanos(1))));
        out.add(ev(new MarketEvent.BookSnapshot(up, TradingFixtures.realUpBook().bids(),
                TradingFixtures.realUpBook().asks(), Price.of("0.01"), "0xabc123", t = t.plusMillis(3))));
        out.add(ev(new MarketEvent.BookSnapshot(m.downTokenId(), List.of(), List.of(Level.of("0", "0")), null, null,
                t = t.plusMillis(1))));
        out.add(ev(new MarketEvent.BookLevelChanged(up, BookSide.BID, Price.of("0.51"), Shares.of("123.456789"),
                t = t.plusMillis(1))));
        out.add(ev(new MarketEvent.BookLevelChanged(up, BookSide.ASK, Price.of("0.99"), Shares.ZERO,
                t = t.plusNanos(7))));
        out.add(ev(new MarketEvent.TickSizeChanged(up, Price.of("0.001"), t = t.plusSeconds(1))));
        out.add(ev(new MarketEvent.TickSizeChanged(up, null, t = t.plusSeconds(1))));
        out.add(ev(new MarketEvent.BookHealth(up, true, "socket silent 31 s", t = t.plusSeconds(1))));
        out.add(ev(new MarketEvent.BookHealth(up, false, null, t = t.plusSeconds(1))));
        out.add(ev(new MarketEvent.CandleUpdated(new Candle(Instant.parse("2026-05-12T11:09:00Z"), 80_000_120_000L,
                80_010_000_000L, 79_990_000_000L, 80_005_500_000L, 12_345_678L, true), t = t.plusMillis(250))));
        out.add(ev(new MarketEvent.CandleUpdated(new Candle(Instant.parse("2026-05-12T11:10:00Z"), 1, 1, 1, 1, 0,
                false), t = t.plusMillis(250))));
        out.add(ev(new MarketEvent.FeedHealth("binance", true, "no kline for 30 s", t = t.plusSeconds(1))));
        out.add(ev(new MarketEvent.FeedHealth("binance", false, "", t = t.plusSeconds(1))));
        out.add(ev(new MarketEvent.PriceToBeat(m.slug(), m.windowStart(), 80_001_234_567L, null,
                t = t.plusSeconds(1))));
        out.add(ev(new MarketEvent.PriceToBeat(m.slug(), m.windowStart(), 80_001_234_567L, 79_000_000_001L,
                t = t.plusSeconds(300))));
        out.add(ev(new MarketEvent.MarketResolved(m.id(), m.slug(), Resolution.DOWN, "gamma+clob",
                t = t.plusSeconds(60))));
        out.add(ev(new MarketEvent.MarketResolved(m.id(), m.slug(), Resolution.UNKNOWN, null,
                t = t.plusSeconds(1))));
        out.add(new TapeRecord.Tick(new TraderTicked(t = t.plusSeconds(1), 2, 1, true, 1, 345)));
        // a record earlier than the one before it (events from two feeds cross on the bus)
        out.add(ev(new MarketEvent.BookLevelChanged(up, BookSide.BID, Price.of("0.50"), Shares.of("10"),
                t.minusMillis(2))));
        return out;
    }

    static TapeRecord ev(MarketEvent e) {
        return new TapeRecord.Event(e);
    }

    /** {@code n} book changes on a few tokens, times strictly increasing by a random gap, seeded. */
    static List<TapeRecord> bookChanges(Random random, Instant t0, int n) {
        List<TapeRecord> out = new ArrayList<>(n);
        Instant t = t0;
        for (int i = 0; i < n; i++) {
            t = t.plusNanos(1 + random.nextInt(50_000_000));
            String token = "1234567890123456789012345678901234567890123456789012345678901234567890123" + random.nextInt(4);
            out.add(ev(new MarketEvent.BookLevelChanged(token, random.nextBoolean() ? BookSide.BID : BookSide.ASK,
                    Price.ofMicros(10_000L * (1 + random.nextInt(99))), Shares.ofMicros(random.nextInt(100_000_000)),
                    t)));
        }
        return out;
    }
}
