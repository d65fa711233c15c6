package updown.time;

import java.time.Instant;

/**
 * Time that runs {@code speed} times faster than the wall clock from a chosen start: at speed 60 a 5-minute window
 * passes in 5 real seconds. Used by simulate for the bot and the simulated exchange alike.
 *
 * <p>A {@link #held} clock stands still at its start until {@link #release()}: simulate starts the exchange and the
 * bot on it and releases it once both are up, so however long the start takes (seconds on a busy machine, i.e. many
 * simulated minutes at high speed) no window passes before the bot can see it.
 */
public final class ScaledClock extends BotClock {
    private final Instant start;
    private final double speed;
    /** {@code System.nanoTime()} when simulated time began to run; meaningful once {@code running}. */
    private volatile long realStartNanos;
    private volatile boolean running;

    /** A clock running from now on. */
    public ScaledClock(Instant start, double speed) {
        this(start, speed, true);
    }

    private ScaledClock(Instant start, double speed, boolean run) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        this.start = start;
        this.speed = speed;
        if (run) {
            release();
        }
    }

    /** A clock that reads {@code start} until {@link #release()} is called. */
    public static ScaledClock held(Instant start, double speed) {
        return new ScaledClock(start, speed, false);
    }

    /** Lets time run from {@code start} on, {@code speed} times faster than the wall clock. Idempotent. */
    public synchronized void release() {
        if (!running) {
            realStartNanos = System.nanoTime();
            running = true;
        }
    }

    @Override
    public Instant instant() {
        if (!running) {
            return start;
        }
        long realElapsed = System.nanoTime() - realStartNanos;
        long simElapsedNanos = (long) (realElapsed * speed);
        return start.plusNanos(simElapsedNanos);
    }

    @Override
    public long realDelayMillis(long simulatedMillis) {
        return Math.max(1, Math.round(simulatedMillis / speed));
    }

    @Override
    public double speed() {
        return speed;
    }
}
