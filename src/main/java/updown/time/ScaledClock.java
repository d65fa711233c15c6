package updown.time;

import java.time.Instant;

/**
 * Time that runs {@code speed} times faster than the wall clock from a chosen start: at speed 60 a 5-minute window
 * passes in 5 real seconds. Used by simulate for the bot and the simulated exchange alike.
 *
 * <p>It can stand still: a {@link #held} clock reads its start until {@link #release()}, and {@link #hold()} stops it
 * where it is. Simulate starts the exchange and the bot on a held clock and releases it once both are up, so however
 * long the start takes (seconds on a busy machine, i.e. many simulated minutes at high speed) no window passes before
 * the bot can see it. Tests hold it around a restart for the same reason. While held, waits still fire (after their
 * real delay) and find that no time has passed, as with a {@link VirtualClock} nobody advances.
 */
public final class ScaledClock extends BotClock {
    /** Simulated time {@code at} corresponded to {@code System.nanoTime()} {@code realNanos}, if running. */
    private record Anchor(Instant at, long realNanos, boolean running) {
    }

    private final double speed;
    private volatile Anchor anchor;

    /** A clock running from now on. */
    public ScaledClock(Instant start, double speed) {
        this(start, speed, true);
    }

    private ScaledClock(Instant start, double speed, boolean run) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        this.speed = speed;
        this.anchor = new Anchor(start, System.nanoTime(), run);
    }

    /** A clock that reads {@code start} until {@link #release()} is called. */
    public static ScaledClock held(Instant start, double speed) {
        return new ScaledClock(start, speed, false);
    }

    /** Lets time run on from where it stands, {@code speed} times faster than the wall clock. Idempotent. */
    public synchronized void release() {
        Anchor a = anchor;
        if (!a.running()) {
            anchor = new Anchor(a.at(), System.nanoTime(), true);
        }
    }

    /** Stops time where it is now; {@link #release()} lets it run on from there. Idempotent. */
    public synchronized void hold() {
        Anchor a = anchor;
        if (a.running()) {
            anchor = new Anchor(instantOf(a), 0, false);
        }
    }

    public boolean isRunning() {
        return anchor.running();
    }

    @Override
    public Instant instant() {
        return instantOf(anchor);
    }

    private Instant instantOf(Anchor a) {
        if (!a.running()) {
            return a.at();
        }
        long realElapsed = System.nanoTime() - a.realNanos();
        return a.at().plusNanos((long) (realElapsed * speed));
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
