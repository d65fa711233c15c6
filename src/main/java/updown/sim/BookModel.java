package updown.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.domain.Price;
import updown.domain.Shares;

/**
 * Quotes both books of a window around a fair Up probability, as a pure function of (seed, window, book step).
 * Prices are in ticks of 0.01. The Up book gets a spread of 1–3 ticks and {@code depth} levels per side with a few
 * gaps, plus the thick 0.01 bid / 0.99 ask every real book shows; the Down book mirrors it (a Down bid at 1 − an Up
 * ask), as Polymarket's complementary matching does, so normally Up ask + Down ask = 1 + spread. On a fraction
 * {@code arbRate} of steps one side's asks are undercut so Up ask + Down ask falls below $1 by 2–8 ticks.
 * Sizes refresh at level-specific cadences, so consecutive steps differ in a few levels, as real deltas do.
 */
final class BookModel {
    static final int TICKS = 100;
    static final Price TICK = Price.of("0.01");
    private static final long MICROS_PER_CENT_SHARE = Micros.ONE / 100;

    private final long seed;
    private final int depth;
    private final double arbRate;
    private final double quoteNoise;

    BookModel(long seed, int depth, double arbRate, double quoteNoise) {
        if (depth < 1 || depth > 98) {
            throw new IllegalArgumentException("depth must be in 1..98, was " + depth);
        }
        if (!(arbRate >= 0 && arbRate <= 1)) {
            throw new IllegalArgumentException("arbRate must be in [0, 1], was " + arbRate);
        }
        this.seed = seed;
        this.depth = depth;
        this.arbRate = arbRate;
        this.quoteNoise = quoteNoise;
    }

    /** Both books of a window at one step. {@code arb} tells whether this step carries an under-$1 pair. */
    record WindowBooks(OrderBook up, OrderBook down, boolean arb) {
        OrderBook of(Outcome o) {
            return o == Outcome.UP ? up : down;
        }
    }

    /**
     * @param fairUp        the fair Up probability at this step
     * @param noisy         false once the outcome is known (books then sit at 0.98/0.99 or 0.01/0.02)
     * @param arbAllowed    false when the market no longer accepts orders
     */
    WindowBooks books(SimWindow w, long step, Instant at, double fairUp, boolean noisy, boolean arbAllowed) {
        long wid = w.startSecond();
        double p = fairUp;
        if (noisy) {
            // the noise persists a few seconds, like a quote that lags the price
            p += quoteNoise * Mix.gaussian(seed, 0x6E6F, wid, Math.floorDiv(step, 5));
        }
        p = Math.max(0.015, Math.min(0.985, p));
        double us = Mix.unit(seed, 0x7370, wid, Math.floorDiv(step, 3));
        int spread = !noisy ? 1 : us < 0.65 ? 1 : us < 0.9 ? 2 : 3;
        int bid = (int) Math.round(p * TICKS - spread / 2.0);
        bid = Math.max(1, Math.min(TICKS - 2, bid));
        int ask = Math.min(TICKS - 1, bid + spread);

        TreeMap<Integer, Long> upBids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<Integer, Long> upAsks = new TreeMap<>();
        fillSide(upBids, wid, step, 0, bid, -1);
        fillSide(upAsks, wid, step, 1, ask, +1);

        TreeMap<Integer, Long> downBids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<Integer, Long> downAsks = new TreeMap<>();
        upAsks.forEach((t, s) -> downBids.put(TICKS - t, s));
        upBids.forEach((t, s) -> downAsks.put(TICKS - t, s));

        boolean arb = arbAllowed && Mix.unit(seed, 0x617262, wid, step) < arbRate;
        if (arb) {
            boolean cheapUp = (Mix.hash(seed, 0x73696465, wid, step) & 1) == 0;
            arb = cheapUp ? undercut(upBids, upAsks, downAsks.firstKey(), wid, step)
                    : undercut(downBids, downAsks, upAsks.firstKey(), wid, step);
        }
        return new WindowBooks(
                book(w.upTokenId(), upBids, upAsks, at),
                book(w.downTokenId(), downBids, downAsks, at),
                arb);
    }

    private void fillSide(TreeMap<Integer, Long> side, long wid, long step, int sideCode, int best, int dir) {
        int placed = 0;
        int t = best;
        while (placed < depth && t >= 1 && t <= TICKS - 1) {
            boolean gap = t != best && Mix.unit(seed, 0x676170, wid, sideCode, t, Math.floorDiv(step, 20)) < 0.15;
            if (!gap) {
                side.put(t, size(wid, step, sideCode, t, Math.abs(t - best)));
                placed++;
            }
            t += dir;
        }
        int floor = dir < 0 ? 1 : TICKS - 1;
        if (!side.containsKey(floor)) {
            side.put(floor, floorSize(wid, step, sideCode));
        }
    }

    /**
     * Puts asks on the cheap side {@code gap} ticks below {@code 1 − other side's best ask}, dropping its bids that
     * would cross them. Returns false (no arb this step) when there is no room.
     */
    private boolean undercut(TreeMap<Integer, Long> bids, TreeMap<Integer, Long> asks, int otherBestAsk, long wid,
                             long step) {
        int gap = (int) Mix.between(2, 8, seed, 0x676170, wid, step);
        int a = TICKS - otherBestAsk - gap;
        if (a < 1) {
            return false;
        }
        bids.keySet().removeIf(t -> t >= a);
        asks.keySet().removeIf(t -> t < a);
        asks.put(a, cents(Mix.between(500, 8_000, seed, 0x617368, wid, step)));
        if (a + 1 <= TICKS - 1) {
            asks.putIfAbsent(a + 1, cents(Mix.between(1_000, 20_000, seed, 0x617369, wid, step)));
        }
        if (bids.isEmpty() && a > 1) {
            bids.put(1, floorSize(wid, step, 0));
        }
        return true;
    }

    private long size(long wid, long step, int sideCode, int tick, int distance) {
        // each level refreshes every 2–6 steps, at its own phase
        long period = Mix.between(2, 6, seed, 0x706572, wid, sideCode, tick);
        long phase = Mix.between(0, period - 1, seed, 0x706861, wid, sideCode, tick);
        long epoch = Math.floorDiv(step + phase, period);
        long lo;
        long hi;
        if (distance == 0) {
            lo = 500;
            hi = 6_000;
        } else if (distance < 3) {
            lo = 2_000;
            hi = 30_000;
        } else {
            lo = 5_000;
            hi = 80_000;
        }
        long c = Mix.between(lo, hi, seed, 0x73697A, wid, sideCode, tick, distance, epoch);
        if (Mix.unit(seed, 0x696E74, wid, sideCode, tick, epoch) < 0.4) {
            c = Math.max(100, c / 100 * 100); // whole shares, as many real levels are
        }
        return cents(c);
    }

    private long floorSize(long wid, long step, int sideCode) {
        return cents(Mix.between(500_000, 2_000_000, seed, 0x666C72, wid, sideCode, Math.floorDiv(step, 30)));
    }

    private static long cents(long c) {
        return c * MICROS_PER_CENT_SHARE;
    }

    private OrderBook book(String tokenId, TreeMap<Integer, Long> bids, TreeMap<Integer, Long> asks, Instant at) {
        List<Level> b = levels(bids);
        List<Level> a = levels(asks);
        return new OrderBook(tokenId, b, a, TICK, hash(tokenId, b, a), at);
    }

    private static List<Level> levels(TreeMap<Integer, Long> side) {
        List<Level> out = new ArrayList<>(side.size());
        for (Map.Entry<Integer, Long> e : side.entrySet()) {
            out.add(new Level(Price.ofMicros(e.getKey() * (Micros.ONE / TICKS)), Shares.ofMicros(e.getValue())));
        }
        return out;
    }

    /**
     * A 40-hex-digit digest of the book's levels, standing in for the CLOB's SHA-1 book hash: same levels, same hash,
     * so a client can compare the hash of its websocket book with REST's.
     */
    private String hash(String tokenId, List<Level> bids, List<Level> asks) {
        long h = Mix.hash(seed, Mix.label(tokenId));
        for (Level l : bids) {
            h = Mix.hash(h, 1, l.price().micros(), l.size().micros());
        }
        for (Level l : asks) {
            h = Mix.hash(h, 2, l.price().micros(), l.size().micros());
        }
        long h2 = Mix.mix(h ^ 0x5bd1e995L);
        long h3 = Mix.mix(h2 ^ 0x1b873593L);
        return hex(h, 16) + hex(h2, 16) + hex(h3 >>> 32, 8);
    }

    private static String hex(long v, int digits) {
        String s = Long.toHexString(v);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }
}
