package updown.repository;

import java.time.Instant;

/**
 * Instants as nanoseconds since the epoch: exact for every {@link Instant} from 1677-09-21 to 2262-04-11, and a plain
 * integer that sorts by time. Both repositories refuse instants outside that range, so they behave alike.
 */
final class EpochNanos {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpochNanos() {
    }

    static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant outside the storable range (1677..2262): " + instant, e);
        }
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /** Null stays null (an optional time such as {@code settledAt}). */
    static Long ofNullable(Instant instant) {
        return instant == null ? null : of(instant);
    }

    static Instant toInstantNullable(Long nanos) {
        return nanos == null ? null : toInstant(nanos);
    }
}
