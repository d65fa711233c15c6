package updown.net;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Reads an HTTP {@code Retry-After} header: delta seconds ("15") or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** Milliseconds to wait, or empty when the header is absent or unreadable. Never negative. */
    public static OptionalLong millis(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String h = header.strip();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? OptionalLong.empty() : OptionalLong.of(Math.multiplyExact(Math.min(seconds, 86_400L), 1000L));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return OptionalLong.of(Math.max(0, at.toEpochMilli() - now.toEpochMilli()));
            } catch (DateTimeParseException notDate) {
                return OptionalLong.empty();
            }
        }
    }
}
