package updown.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one injected clock. Everything that reads time reads it here; everything that waits converts its wait with
 * {@link #realDelayMillis(long)}, so a scaled clock (simulate --speed) shrinks ticks, staleness limits and KST days
 * together.
 */
public abstract class BotClock extends Clock {

    /** Wall-clock time, speed 1. */
    public static BotClock system() {
        return new SystemBotClock();
    }

    /** Real milliseconds to wait for {@code simulatedMillis} of this clock's time to pass (at least 1). */
    public abstract long realDelayMillis(long simulatedMillis);

    /** How many of this clock's milliseconds pass per real millisecond. */
    public abstract double speed();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    private static final class SystemBotClock extends BotClock {
        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public long realDelayMillis(long simulatedMillis) {
            return Math.max(1, simulatedMillis);
        }

        @Override
        public double speed() {
            return 1.0;
        }
    }
}
