package updown.time;

import java.time.Instant;

/**
 * Time that runs {@code speed} times faster than the wall clock from a chosen start: at speed 60 a 5-minute window
 * passes in 5 real seconds. Used by simulate for the bot and the simulated exchange alike.
 */
public final class ScaledClock extends BotClock {
    private final Instant start;
    private final long realStartNanos;
    private final double speed;

    public ScaledClock(Instant start, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        this.start = start;
        this.speed = speed;
        this.realStartNanos = System.nanoTime();
    }

    @Override
    public Instant instant() {
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
