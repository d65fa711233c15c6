package updown.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Korea Standard Time (UTC+9, no daylight saving): the bot's business day and display time zone. */
public final class Kst {
    public static final ZoneId ZONE = ZoneOffset.ofHours(9);
    private static final long OFFSET_SECONDS = 9 * 3600L;

    private Kst() {
    }

    public static LocalDate dayOf(Instant instant) {
        // plain arithmetic (a fixed offset): atZone builds new ZoneRules on every call, and ticks ask every 5 s
        return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond() + OFFSET_SECONDS, 86_400L));
    }

    /** The first instant of the KST day after the one containing {@code instant} (00:00 KST = 15:00 UTC). */
    public static Instant nextMidnight(Instant instant) {
        return dayOf(instant).plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
