package updown.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import updown.domain.Candle;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketSnapshot;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Shares;

/**
 * Builders for the trading tests: the real BTC 5m market of 2026-05-12 11:10Z (ids from the Gamma capture), its
 * real mid-window Up book (CLOB REST capture, normalised best first), hand-made books and candle series.
 */
public final class TradingFixtures {
    public static final String UP_TOKEN =
            "48418917734180607831833027288777571190488909295977497623601373906809754084036";
    public static final String DOWN_TOKEN =
            "14943202171143669362180565155331992758433128192256190594100236888666963607938";
    public static final Instant WINDOW_START = Instant.parse("2026-05-12T11:10:00Z");
    /** When the REST book was captured: mid-window. */
    public static final Instant BOOK_TIME = Instant.ofEpochMilli(1778584369464L);
    public static final String UP_BOOK_FIXTURE = "clob/book-btc-updown-5m-1778584200-up-midwindow.json";

    private TradingFixtures() {
    }

    public static Market market() {
        return market(FeeSchedule.CRYPTO_5M);
    }

    public static Market market(FeeSchedule fees) {
        return new Market("2229686", "0xa5c6d0c4cef71fe53c0235790b5568574343551fe67c62db39e9ebf3387b415a",
                "btc-updown-5m-1778584200", "Bitcoin Up or Down - May 12, 7:10AM-7:15AM ET", "BTC", WINDOW_START,
                WINDOW_START.plus(Duration.ofMinutes(5)), UP_TOKEN, DOWN_TOKEN, Price.of("0.01"), Shares.of("5"), fees,
                true, false, true, true);
    }

    /** The captured Up book (24 bids, 74 asks; best bid 0.24, best ask 0.25), best levels first. */
    public static OrderBook realUpBook() {
        return RealBooks.UP;
    }

    /**
     * The Down book a complete-set market implies from the Up book: a Down ask at 1 − p for every Up bid at p, a
     * Down bid at 1 − p for every Up ask (best Down ask 0.76, best Down bid 0.75).
     */
    public static OrderBook realDownBook() {
        return RealBooks.DOWN;
    }

    /** Parsed once on first use (books are immutable). */
    private static final class RealBooks {
        static final OrderBook UP = restBook(Fixtures.fixture(UP_BOOK_FIXTURE));
        static final OrderBook DOWN = mirror(UP, DOWN_TOKEN);
    }

    /** Parses a CLOB REST {@code /book} body (best levels LAST) into a domain book (best levels FIRST). */
    public static OrderBook restBook(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            List<Level> bids = levels(root.get("bids"));
            List<Level> asks = levels(root.get("asks"));
            Collections.reverse(bids);
            Collections.reverse(asks);
            return new OrderBook(root.get("asset_id").asText(), bids, asks, Price.of(root.get("tick_size").asText()),
                    root.get("hash").asText(), Instant.ofEpochMilli(Long.parseLong(root.get("timestamp").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Level> levels(JsonNode array) {
        List<Level> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(Level.of(n.get("price").asText(), n.get("size").asText()));
        }
        return out;
    }

    public static OrderBook mirror(OrderBook book, String tokenId) {
        List<Level> asks = new ArrayList<>();
        for (Level bid : book.bids()) {
            asks.add(new Level(bid.price().complement(), bid.size()));
        }
        List<Level> bids = new ArrayList<>();
        for (Level ask : book.asks()) {
            bids.add(new Level(ask.price().complement(), ask.size()));
        }
        return new OrderBook(tokenId, bids, asks, book.tickSize(), "", book.updatedAt());
    }

    /** Levels from "price:size" pairs, in the order given (give them best first). */
    public static List<Level> levels(String... priceColonSize) {
        List<Level> out = new ArrayList<>();
        for (String s : priceColonSize) {
            String[] parts = s.split(":");
            out.add(Level.of(parts[0], parts[1]));
        }
        return out;
    }

    public static OrderBook book(String tokenId, List<Level> bids, List<Level> asks) {
        return new OrderBook(tokenId, bids, asks, Price.of("0.01"), "", BOOK_TIME);
    }

    public static OrderBook upBook(List<Level> bids, List<Level> asks) {
        return book(UP_TOKEN, bids, asks);
    }

    public static OrderBook downBook(List<Level> bids, List<Level> asks) {
        return book(DOWN_TOKEN, bids, asks);
    }

    /** Closed 1-minute candles ending just before the book time, one per close, oldest first. */
    public static List<Candle> candles(String... closes) {
        List<Candle> out = new ArrayList<>();
        Instant t = BOOK_TIME.minus(Duration.ofMinutes(closes.length + 1L));
        for (String c : closes) {
            out.add(Candle.ofClose(t, c));
            t = t.plus(Duration.ofMinutes(1));
        }
        return out;
    }

    /** {@code n} closes from {@code start}, each {@code step} dollars apart (negative: falling). */
    public static List<Candle> linear(int n, String start, String step) {
        String[] closes = new String[n];
        long s = Micros.parse(start);
        long d = Micros.parse(step);
        for (int i = 0; i < n; i++) {
            closes[i] = Micros.format(s + d * i, 2);
        }
        return candles(closes);
    }

    /**
     * A noisy trend: {@code n} closes from {@code start}, drifting {@code drift} per candle with a fixed zig-zag
     * of ± {@code wiggle} (deterministic), ending on a move in the drift's direction.
     */
    public static List<Candle> zigzag(int n, String start, String drift, String wiggle) {
        String[] closes = new String[n];
        long s = Micros.parse(start);
        long d = Micros.parse(drift);
        long w = Micros.parse(wiggle);
        for (int i = 0; i < n; i++) {
            long noise = (i % 2 == 0) ? -w : w;
            if (d < 0) {
                noise = -noise;
            }
            closes[i] = Micros.format(s + d * i + noise, 2);
        }
        return candles(closes);
    }

    public static MarketSnapshot snapshot(OrderBook up, OrderBook down, List<Candle> candles) {
        return new MarketSnapshot(market(), up, down, candles, null, BOOK_TIME);
    }

    public static MarketSnapshot snapshot(Market market, OrderBook up, OrderBook down, List<Candle> candles) {
        return new MarketSnapshot(market, up, down, candles, null, BOOK_TIME);
    }
}
