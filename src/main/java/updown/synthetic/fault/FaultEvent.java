package updown.synthetic.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * One concrete fault on the simulated timeline: {@code kind} on {@code venue} (null for late-resolution) from
 * {@code at} for {@code duration}, placed in window {@code window}, either scheduled or drawn at random.
 */
public record FaultEvent(FaultKind kind, Venue venue, int window, Instant at, Duration duration, boolean random) {

    /** True while the fault lasts: {@code at <= now < at + duration}. */
    public boolean activeAt(Instant now) {
        return !now.isBefore(at) && now.isBefore(at.plus(duration));
    }

    public Instant until() {
        return at.plus(duration);
    }

    public String describe() {
        return kind.wireName() + (venue == null ? "" : " on " + venue.wireName()) + " in window " + window
                + " at " + at + (duration.isZero() ? "" : " for " + duration.toSeconds() + " s")
                + (random ? " (random)" : " (scheduled)");
    }
}
