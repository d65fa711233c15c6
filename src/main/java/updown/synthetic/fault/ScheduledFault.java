package updown.synthetic.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault placed deterministically: {@code kind} on {@code venue} (null = every venue the kind can hit), starting
 * {@code offset} after the start of window {@code window} (0 = the window running when the simulation started),
 * lasting {@code duration}. For late-resolution the venue is ignored and the duration is the extra delay of that
 * window's resolution.
 */
public record ScheduledFault(FaultKind kind, Venue venue, int window, Duration offset, Duration duration) {
    /** Where in its window a scheduled fault starts when no offset is given: after the bot has subscribed. */
    public static final Duration DEFAULT_OFFSET = Duration.ofSeconds(60);

    public ScheduledFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(duration, "duration");
        if (venue != null && kind != FaultKind.LATE_RESOLUTION && !kind.hits(venue)) {
            throw new IllegalArgumentException(kind.wireName() + " cannot hit " + venue.wireName() + " (only "
                    + kind.venues().stream().map(Venue::wireName).toList() + ")");
        }
        if (kind == FaultKind.LATE_RESOLUTION) {
            venue = null;
        }
        if (offset.isNegative() || duration.isNegative()) {
            throw new IllegalArgumentException("fault offset and duration must be >= 0");
        }
    }

    /** {@code kind} on {@code venue} one minute into window {@code window}, for the kind's default duration. */
    public static ScheduledFault at(FaultKind kind, Venue venue, int window) {
        return new ScheduledFault(kind, venue, window, DEFAULT_OFFSET, kind.defaultDuration());
    }

    /** Window {@code window} resolves {@code extra} later than it would. */
    public static ScheduledFault lateResolution(int window, Duration extra) {
        return new ScheduledFault(FaultKind.LATE_RESOLUTION, null, window, Duration.ZERO, extra);
    }

    public ScheduledFault withOffset(Duration newOffset) {
        return new ScheduledFault(kind, venue, window, newOffset, duration);
    }

    public ScheduledFault withDuration(Duration newDuration) {
        return new ScheduledFault(kind, venue, window, offset, newDuration);
    }
}
