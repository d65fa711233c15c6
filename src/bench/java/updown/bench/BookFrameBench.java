package updown.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import updown.domain.LocalBook;
import updown.domain.Price;
import updown.market.ClobFrame;
import updown.market.ClobWsEvent;
import updown.market.ClobWsParser;
import updown.net.ParseResult;

/**
 * The hot path of the book feed: one CLOB websocket frame (text) → parsed by {@link ClobWsParser} → applied to a
 * {@link LocalBook}. SampleTime gives p50/p99 per frame (target p99 ≤ 1 ms); {@code parseThroughput} gives frames
 * parsed per second. Frames are shaped like the live ones (API-FACTS §3): {@code price_change} with one change per
 * token of the market, and the initial dump ({@code book} arrays of 50 levels a side).
 *
 * <p>Run: {@code mvn -q -Pbench test-compile exec:exec -Dbench=BookFrameBench}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BookFrameBench {
    static final String UP = "48418917734180607831833027288777571190488909295977497623601373906809754084036";
    static final String DOWN = "14943202171143669362180565155331992758433128192256190594100236888666963607938";
    static final String MARKET = "0xa5c6d0c4cef71fe53c0235790b5568574343551fe67c62db39e9ebf3387b415a";

    private String[] changeFrames;
    private String[] bookFrames;
    private int i;
    private LocalBook up;
    private LocalBook down;

    @Setup(Level.Trial)
    public void frames() {
        Random r = new Random(1);
        changeFrames = new String[1024];
        for (int k = 0; k < changeFrames.length; k++) {
            changeFrames[k] = priceChange(r, 1_778_584_369_464L + k);
        }
        bookFrames = new String[64];
        for (int k = 0; k < bookFrames.length; k++) {
            bookFrames[k] = bookDump(r, 1_778_584_369_464L + k);
        }
        up = new LocalBook(UP);
        down = new LocalBook(DOWN);
        apply(ClobWsParser.parse(bookFrames[0]));
    }

    @Benchmark
    public int priceChangeFrameToBook() {
        return apply(ClobWsParser.parse(changeFrames[i++ & 1023]));
    }

    @Benchmark
    public int bookDumpFrameToBook() {
        return apply(ClobWsParser.parse(bookFrames[i++ & 63]));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ParseResult<ClobFrame> parseThroughput() {
        return ClobWsParser.parse(changeFrames[i++ & 1023]);
    }

    private int apply(ParseResult<ClobFrame> r) {
        int applied = 0;
        for (ClobWsEvent e : r.value().events()) {
            if (e instanceof ClobWsEvent.PriceChange pc) {
                for (ClobWsEvent.Change c : pc.changes()) {
                    LocalBook b = c.tokenId().equals(UP) ? up : down;
                    if (b.applyChange(c.side(), c.price(), c.size(), null)) {
                        applied++;
                    }
                }
            } else if (e instanceof ClobWsEvent.Book bk) {
                LocalBook b = bk.book().tokenId().equals(UP) ? up : down;
                b.applySnapshot(bk.book().bids(), bk.book().asks(), bk.book().tickSize(), bk.book().hash(), null);
                applied++;
            }
        }
        return applied;
    }

    private static String priceChange(Random r, long ts) {
        int p = 30 + r.nextInt(40);
        String side = r.nextBoolean() ? "BUY" : "SELL";
        String size = r.nextInt(5) == 0 ? "0" : (1 + r.nextInt(500)) + "." + r.nextInt(100);
        return "{\"market\":\"" + MARKET + "\",\"price_changes\":["
                + change(UP, "0." + p, size, side, r) + "," + change(DOWN, "0." + (99 - p), size,
                side.equals("BUY") ? "SELL" : "BUY", r)
                + "],\"timestamp\":\"" + ts + "\",\"event_type\":\"price_change\"}";
    }

    private static String change(String token, String price, String size, String side, Random r) {
        return "{\"asset_id\":\"" + token + "\",\"price\":\"" + price + "\",\"size\":\"" + size + "\",\"side\":\"" + side
                + "\",\"hash\":\"" + Long.toHexString(r.nextLong()) + "56621a121a47ed9333\",\"best_bid\":\"0.5\",\"best_ask\":\"0.51\"}";
    }

    private static String bookDump(Random r, long ts) {
        List<String> books = new ArrayList<>();
        for (String token : new String[]{UP, DOWN}) {
            StringBuilder bids = new StringBuilder();
            StringBuilder asks = new StringBuilder();
            for (int lvl = 1; lvl <= 50; lvl++) {
                bids.append(bids.length() == 0 ? "" : ",").append(level(Price.ofMicros(lvl * 9_000L), r));
                asks.append(asks.length() == 0 ? "" : ",").append(level(Price.ofMicros(1_000_000L - lvl * 9_000L), r));
            }
            books.add("{\"market\":\"" + MARKET + "\",\"asset_id\":\"" + token + "\",\"timestamp\":\"" + ts
                    + "\",\"hash\":\"9e4f2ff8ba2be56177e8bdc8623dfaba4d18f5c8\",\"bids\":[" + bids + "],\"asks\":[" + asks
                    + "],\"tick_size\":\"0.001\",\"event_type\":\"book\",\"last_trade_price\":\"0.140\"}");
        }
        return "[" + String.join(",", books) + "]";
    }

    private static String level(Price p, Random r) {
        return "{\"price\":\"" + p.format() + "\",\"size\":\"" + (1 + r.nextInt(20_000)) + "." + r.nextInt(100) + "\"}";
    }
}
