package updown.net;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code min(cap, base × 2^n)}.
 * The random source is injected so tests can seed it.
 */
public final class Backoff {
    private final long baseMs;
    private final long capMs;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(long baseMs, long capMs, RandomGenerator random) {
        if (baseMs < 1 || capMs < baseMs) {
            throw new IllegalArgumentException("need 1 <= base <= cap, got base=" + baseMs + " cap=" + capMs);
        }
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public long next() {
        long ceiling = baseMs << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > capMs) {
            ceiling = capMs;
        }
        attempt++;
        long half = ceiling / 2;
        return Math.max(1, half + random.nextLong(ceiling - half + 1));
    }

    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
