package updown.synthetic.random;

/**
 * Stateless, seeded pseudo-randomness: every random quantity of the simulation is a hash of the seed and of what it
 * describes (window, step, level...), never the next draw of a shared generator. So a value does not depend on the
 * order in which it was asked for, and the same seed always gives the same market, whoever reads it first.
 */
public final class Mix {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Mix() {
    }

    /** SplitMix64 finaliser: a bijective scramble of 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long hash(long seed, long... parts) {
        long h = start(seed);
        for (long p : parts) {
            h = fold(h, p);
        }
        return h;
    }

    // Fixed-arity forms of the hot coordinates: the same value as the varargs form, without an array per call (the
    // book model asks for millions of these in a backtest).

    private static long start(long seed) {
        return mix(seed + GOLDEN);
    }

    /** One more coordinate onto a hash: {@code hash(s, a, b) == fold(hash(s, a), b)}. */
    public static long fold(long h, long p) {
        return mix(h ^ (p * GOLDEN + 0x632BE59BD9B4E019L));
    }

    public static long hash(long seed, long a) {
        return fold(start(seed), a);
    }

    public static long hash(long seed, long a, long b) {
        return fold(fold(start(seed), a), b);
    }

    public static long hash(long seed, long a, long b, long c) {
        return fold(hash(seed, a, b), c);
    }

    public static long hash(long seed, long a, long b, long c, long d) {
        return fold(hash(seed, a, b, c), d);
    }

    public static long hash(long seed, long a, long b, long c, long d, long e) {
        return fold(hash(seed, a, b, c, d), e);
    }

    public static long hash(long seed, long a, long b, long c, long d, long e, long f) {
        return fold(hash(seed, a, b, c, d, e), f);
    }

    public static double unit(long seed, long a, long b) {
        return unit(hash(seed, a, b));
    }

    public static double unit(long seed, long a, long b, long c) {
        return unit(hash(seed, a, b, c));
    }

    public static double unit(long seed, long a, long b, long c, long d) {
        return unit(hash(seed, a, b, c, d));
    }

    public static double unit(long seed, long a, long b, long c, long d, long e) {
        return unit(hash(seed, a, b, c, d, e));
    }

    public static long between(long lo, long hi, long seed, long a, long b) {
        return lo + (long) (unit(seed, a, b) * (hi - lo + 1));
    }

    public static long between(long lo, long hi, long seed, long a, long b, long c) {
        return lo + (long) (unit(seed, a, b, c) * (hi - lo + 1));
    }

    public static long between(long lo, long hi, long seed, long a, long b, long c, long d) {
        return lo + (long) (unit(seed, a, b, c, d) * (hi - lo + 1));
    }

    public static long between(long lo, long hi, long seed, long a, long b, long c, long d, long e, long f) {
        return lo + (long) (unit(hash(seed, a, b, c, d, e, f)) * (hi - lo + 1));
    }

    /** Uniform integer in [lo, hi] from a hash: {@code between(lo, hi, s, parts) == betweenOf(lo, hi, hash(s, parts))}. */
    public static long betweenOf(long lo, long hi, long h) {
        return lo + (long) (unit(h) * (hi - lo + 1));
    }

    /** Uniform in [0, 1). */
    public static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) for the given coordinates. */
    public static double unit(long seed, long... parts) {
        return unit(hash(seed, parts));
    }

    /** Standard normal for the given coordinates (Box-Muller on two independent uniforms). */
    public static double gaussian(long seed, long... parts) {
        return gaussianOf(hash(seed, parts));
    }

    public static double gaussian(long seed, long a, long b, long c) {
        return gaussianOf(hash(seed, a, b, c));
    }

    private static double gaussianOf(long h) {
        double u1 = unit(h);
        double u2 = unit(mix(h ^ GOLDEN));
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u1));
        return r * Math.cos(2.0 * Math.PI * u2);
    }

    /** Uniform integer in [lo, hi] for the given coordinates. */
    public static long between(long lo, long hi, long seed, long... parts) {
        long span = hi - lo + 1;
        return lo + (long) (unit(seed, parts) * span);
    }

    /** A stable number for a short label, to use as a hash coordinate. */
    public static long label(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }
}
