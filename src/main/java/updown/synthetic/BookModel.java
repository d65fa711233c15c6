package updown.synthetic;

import java.time.Instant;
import updown.domain.Levels;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.domain.Price;
import updown.synthetic.random.Mix;

/**
 * Quotes both books of a window around a fair Up probability, as a pure function of (seed, window, book step).
 * Prices are in ticks of 0.01. The Up book gets a spread of 1–3 ticks and {@code depth} levels per side with a few
 * gaps, plus the thick 0.01 bid / 0.99 ask every real book shows; the Down book mirrors it (a Down bid at 1 − an Up
 * ask), as Polymarket's complementary matching does, so normally Up ask + Down ask = 1 + spread. On a fraction
 * {@code arbRate} of steps one side's asks are undercut so Up ask + Down ask falls below $1 by 2–8 ticks.
 * Sizes refresh at level-specific cadences, so consecutive steps differ in a few levels, as real deltas do.
 */
public final class BookModel {
    static final int TICKS = 100;
    static final Price TICK = Price.of("0.01");
    private static final long MICROS_PER_CENT_SHARE = Micros.ONE / 100;
    private static final long MICROS_PER_TICK = Micros.ONE / TICKS;

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
    public record WindowBooks(OrderBook up, OrderBook down, boolean arb) {
        public OrderBook of(Outcome o) {
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

        // one side is the sizes by tick (0 = no level): the same book as a sorted map, without boxing
        // (scratch of this thread, reused: nothing of them outlives this call, the books are built from them below)
        TickSizes[] sides = scratch.get();
        TickSizes upBids = sides[0].clear();
        TickSizes upAsks = sides[1].clear();
        WindowDraws draws = draws(w);
        fillSide(upBids, draws, step, 0, bid, -1);
        fillSide(upAsks, draws, step, 1, ask, +1);

        // the Down book mirrors the Up book: a Down bid at 1 − an Up ask, a Down ask at 1 − an Up bid
        TickSizes downBids = sides[2];
        TickSizes downAsks = sides[3];
        upAsks.mirrorInto(downBids, TICKS);
        upBids.mirrorInto(downAsks, TICKS);

        boolean arb = arbAllowed && Mix.unit(seed, 0x617262, wid, step) < arbRate;
        if (arb) {
            boolean cheapUp = (Mix.hash(seed, 0x73696465, wid, step) & 1) == 0;
            arb = cheapUp ? undercut(upBids, upAsks, downAsks.lowest(), wid, step)
                    : undercut(downBids, downAsks, upAsks.lowest(), wid, step);
        }
        return new WindowBooks(
                book(draws.upToken, draws.upHash, upBids, upAsks, at),
                book(draws.downToken, draws.downHash, downBids, downAsks, at),
                arb);
    }

    /**
     * What every level's random draws of one window share: the hash of (seed, kind, window, side, tick) for the
     * level's size, whole-share rounding and gap draws, and its refresh period and phase. Folding the step-dependent
     * coordinates onto these gives exactly {@code Mix.hash(seed, kind, window, side, tick, ...)}, without rehashing
     * the common prefix at every step. Immutable once built.
     */
    private final class WindowDraws {
        final long wid;
        final String upToken;
        final String downToken;
        /** The start of each book's hash: {@code Mix.hash(seed, Mix.label(token))}. */
        final long upHash;
        final long downHash;
        final long[][] sizeH = new long[2][TICKS];
        final long[][] wholeH = new long[2][TICKS];
        final long[][] gapH = new long[2][TICKS];
        final long[][] period = new long[2][TICKS];
        final long[][] phase = new long[2][TICKS];

        WindowDraws(SimWindow w) {
            this.wid = w.startSecond();
            this.upToken = w.upTokenId();
            this.downToken = w.downTokenId();
            this.upHash = Mix.hash(seed, Mix.label(upToken));
            this.downHash = Mix.hash(seed, Mix.label(downToken));
            for (int side = 0; side < 2; side++) {
                for (int t = 1; t < TICKS; t++) {
                    sizeH[side][t] = Mix.hash(seed, 0x73697A, wid, side, t);
                    wholeH[side][t] = Mix.hash(seed, 0x696E74, wid, side, t);
                    gapH[side][t] = Mix.hash(seed, 0x676170, wid, side, t);
                    long p = Mix.between(2, 6, seed, 0x706572, wid, side, t);
                    period[side][t] = p;
                    phase[side][t] = Mix.between(0, p - 1, seed, 0x706861, wid, side, t);
                }
            }
        }
    }

    /** Four sides' sizes by tick, per thread (the exchange quotes from several threads). */
    private final ThreadLocal<TickSizes[]> scratch = ThreadLocal.withInitial(
            () -> new TickSizes[] {new TickSizes(), new TickSizes(), new TickSizes(), new TickSizes()});

    /** The draws of the last two windows asked for (a replay asks for one window at a time, an exchange for two). */
    private volatile WindowDraws recent;
    private volatile WindowDraws older;

    private WindowDraws draws(SimWindow w) {
        long wid = w.startSecond();
        WindowDraws r = recent;
        if (r != null && r.wid == wid) {
            return r;
        }
        WindowDraws o = older;
        if (o != null && o.wid == wid) {
            return o;
        }
        WindowDraws d = new WindowDraws(w);
        older = r;
        recent = d;
        return d;
    }

    private void fillSide(TickSizes side, WindowDraws draws, long step, int sideCode, int best, int dir) {
        long gapEpoch = Math.floorDiv(step, 20);
        int placed = 0;
        int t = best;
        while (placed < depth && t >= 1 && t <= TICKS - 1) {
            boolean gap = t != best && Mix.unit(Mix.fold(draws.gapH[sideCode][t], gapEpoch)) < 0.15;
            if (!gap) {
                side.put(t, size(draws, step, sideCode, t, Math.abs(t - best)));
                placed++;
            }
            t += dir;
        }
        int floor = dir < 0 ? 1 : TICKS - 1;
        if (side.get(floor) == 0) {
            side.put(floor, floorSize(draws.wid, step, sideCode));
        }
    }

    /**
     * Puts asks on the cheap side {@code gap} ticks below {@code 1 − other side's best ask}, dropping its bids that
     * would cross them. Returns false (no arb this step) when there is no room.
     */
    private boolean undercut(TickSizes bids, TickSizes asks, int otherBestAsk, long wid, long step) {
        int gap = (int) Mix.between(2, 8, seed, 0x676170, wid, step);
        int a = TICKS - otherBestAsk - gap;
        if (a < 1) {
            return false;
        }
        bids.clearFrom(a);
        asks.clearBelow(a);
        boolean anyBid = !bids.isEmpty(); // a bid below a is left
        asks.put(a, cents(Mix.between(500, 8_000, seed, 0x617368, wid, step)));
        long next = cents(Mix.between(1_000, 20_000, seed, 0x617369, wid, step));
        if (a + 1 <= TICKS - 1 && asks.get(a + 1) == 0) {
            asks.put(a + 1, next);
        }
        if (!anyBid && a > 1) {
            bids.put(1, floorSize(wid, step, 0));
        }
        return true;
    }

    private long size(WindowDraws draws, long step, int sideCode, int tick, int distance) {
        // each level refreshes every 2–6 steps, at its own phase
        long period = draws.period[sideCode][tick];
        long phase = draws.phase[sideCode][tick];
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
        long c = Mix.betweenOf(lo, hi, Mix.fold(Mix.fold(draws.sizeH[sideCode][tick], distance), epoch));
        if (Mix.unit(Mix.fold(draws.wholeH[sideCode][tick], epoch)) < 0.4) {
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

    private OrderBook book(String tokenId, long tokenHash, TickSizes bids, TickSizes asks, Instant at) {
        // levels as arrays, immutable: the OrderBook, the snapshot event and the trader's LocalBook keep or copy the
        // arrays; a Level is made only when one is read. Bids best (highest) first, asks best (lowest) first.
        Levels b = bids.levels(MICROS_PER_TICK, true);
        Levels a = asks.levels(MICROS_PER_TICK, false);
        return new OrderBook(tokenId, b, a, TICK, hash(tokenHash, b, a), at);
    }

    /** Odd multipliers of the level chain, one per side (a bid and an ask at the same tick and size differ). */
    private static final long BID_MUL = 0x9E3779B97F4A7C15L;
    private static final long ASK_MUL = 0xC2B2AE3D27D4EB4FL;

    /**
     * A 40-hex-digit digest of the book's levels, standing in for the CLOB's SHA-1 book hash: same levels, same hash,
     * so a client can compare the hash of its websocket book with REST's. One multiply-add per level (tick and size
     * in one word: sizes are below 2^50 micro-shares), scrambled at the end: a backtest builds every book of a run,
     * and a chain of SplitMix rounds per level was a seventh of its time.
     */
    private static String hash(long tokenHash, Levels bids, Levels asks) {
        long h = tokenHash; // Mix.hash(seed, Mix.label(tokenId))
        // by ascending tick on each side: the bids (best, i.e. highest, first) from the last level back
        for (int i = bids.size() - 1; i >= 0; i--) {
            h = (h + (bids.sizeMicros(i) << 7 | tick(bids.priceMicros(i)))) * BID_MUL;
        }
        for (int i = 0, n = asks.size(); i < n; i++) {
            h = (h + (asks.sizeMicros(i) << 7 | tick(asks.priceMicros(i)))) * ASK_MUL;
        }
        h = Mix.mix(h);
        long h2 = Mix.mix(h ^ 0x5bd1e995L);
        long h3 = Mix.mix(h2 ^ 0x1b873593L);
        byte[] out = new byte[40];
        hex(h, out, 0, 16);
        hex(h2, out, 16, 16);
        hex(h3 >>> 32, out, 32, 8);
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long tick(long priceMicros) {
        return priceMicros / MICROS_PER_TICK;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /** {@code v} as {@code digits} lower-case hex digits, zero-padded, into {@code out} from {@code at}. */
    private static void hex(long v, byte[] out, int at, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
