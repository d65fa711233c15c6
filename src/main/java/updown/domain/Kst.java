package updown.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Korea Standard Time (UTC+9, no daylight saving): the bot's business day and display time zone. */
public final class Kst {
    public static final ZoneId ZONE = ZoneOffset.ofHours(9);

    private Kst() {
    }

    public static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** The first instant of the KST day after the one containing {@code instant} (00:00 KST = 15:00 UTC). */
    public static Instant nextMidnight(Instant instant) {
        return dayOf(instant).plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
