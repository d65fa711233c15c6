package updown.klines;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import updown.domain.Micros;

/**
 * Parses one field of a kline row straight from the line's characters (no substring, no regex: a 45k-row file has
 * a quarter of a million fields). A field that does not parse gives {@link #BAD}.
 */
final class KlineFields {
    /** Returned for a field that does not parse. */
    static final long BAD = Long.MIN_VALUE;

    /** Epoch numbers below this are seconds (up to the year 5138; as milliseconds they would be before 1973-03). */
    static final long MAX_SECONDS = 100_000_000_000L;
    /** ... below this milliseconds; below {@link #MAX_MICROS} microseconds; above that nanoseconds. */
    static final long MAX_MILLIS = 100_000_000_000_000L;
    static final long MAX_MICROS = 100_000_000_000_000_000L;

    private KlineFields() {
    }

    /**
     * A timestamp as epoch microseconds (UTC): {@code yyyy-MM-dd HH:mm[:ss[.f…]]} with a space or {@code T}, optionally
     * followed by {@code Z} or an offset ({@code +09:00}, {@code +0900}, {@code +09}); or epoch seconds, milliseconds,
     * microseconds or nanoseconds told apart by magnitude.
     */
    static long epochMicros(CharSequence s, int from, int to) {
        if (from >= to) {
            return BAD;
        }
        if (allDigits(s, from, to)) {
            return epochNumber(s, from, to);
        }
        int len = to - from;
        if (len < 16 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-' || s.charAt(from + 13) != ':') {
            return BAD;
        }
        char sep = s.charAt(from + 10);
        if (sep != ' ' && sep != 'T' && sep != 't') {
            return BAD;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int i = from + 16;
        int second = 0;
        if (i < to && s.charAt(i) == ':') {
            if (i + 3 > to) {
                return BAD;
            }
            second = digits(s, i + 1, 2);
            i += 3;
        }
        long nanos = 0;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int start = i;
            long scale = 100_000_000L;
            while (i < to && isDigit(s.charAt(i))) {
                nanos += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return BAD;
            }
        }
        int offsetSeconds = 0;
        if (i < to) {
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i + 1 == to) {
                i++;
            } else if (z == '+' || z == '-') {
                offsetSeconds = offset(s, i + 1, to);
                if (offsetSeconds == Integer.MIN_VALUE) {
                    return BAD;
                }
                offsetSeconds = z == '-' ? -offsetSeconds : offsetSeconds;
                i = to;
            }
        }
        if (i != to || (year | month | day | hour | minute | second) < 0) {
            return BAD;
        }
        try {
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC)
                    - offsetSeconds;
            return epochSecond * 1_000_000L + nanos / 1_000;
        } catch (DateTimeException e) {
            return BAD;
        }
    }

    private static long epochNumber(CharSequence s, int from, int to) {
        if (to - from > 19) {
            return BAD;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        if (v < 0) {
            return BAD; // 19 digits beyond Long.MAX_VALUE
        }
        if (v < MAX_SECONDS) {
            return v * 1_000_000L;
        }
        if (v < MAX_MILLIS) {
            return v * 1_000L;
        }
        return v < MAX_MICROS ? v : v / 1_000L;
    }

    /** {@code HH}, {@code HHmm} or {@code HH:mm} in seconds, or {@link Integer#MIN_VALUE}. */
    private static int offset(CharSequence s, int from, int to) {
        int len = to - from;
        int h = len >= 2 ? digits(s, from, 2) : -1;
        int m;
        if (len == 2) {
            m = 0;
        } else if (len == 4) {
            m = digits(s, from + 2, 2);
        } else if (len == 5 && s.charAt(from + 2) == ':') {
            m = digits(s, from + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (h < 0 || h > 18 || m < 0 || m > 59) {
            return Integer.MIN_VALUE;
        }
        return h * 3600 + m * 60;
    }

    /** A plain decimal ("46319.0", "0.01634790", "12") as micro-units, rounded half-even; other forms via Micros. */
    static long micros(CharSequence s, int from, int to) {
        if (from >= to) {
            return BAD;
        }
        int i = from;
        boolean negative = s.charAt(i) == '-';
        if (negative || s.charAt(i) == '+') {
            i++;
        }
        long whole = 0;
        int wholeDigits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            whole = whole * 10 + (s.charAt(i) - '0');
            wholeDigits++;
            i++;
        }
        long frac = 0;
        int fracDigits = 0;
        int roundDigit = 0;
        boolean sticky = false;
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                int d = s.charAt(i) - '0';
                if (fracDigits < Micros.SCALE) {
                    frac = frac * 10 + d;
                } else if (fracDigits == Micros.SCALE) {
                    roundDigit = d;
                } else if (d != 0) {
                    sticky = true;
                }
                fracDigits++;
                i++;
            }
        }
        if (i != to || wholeDigits > 12) {
            // exponent, more than 12 integer digits, stray characters: the exact slow path decides
            return slow(s, from, to);
        }
        if (wholeDigits == 0 && fracDigits == 0) {
            return BAD;
        }
        for (int k = Math.min(fracDigits, Micros.SCALE); k < Micros.SCALE; k++) {
            frac *= 10;
        }
        long v = whole * Micros.ONE + frac;
        if (roundDigit > 5 || (roundDigit == 5 && (sticky || (v & 1) == 1))) {
            v++;
        }
        return negative ? -v : v;
    }

    private static long slow(CharSequence s, int from, int to) {
        try {
            return Micros.parse(s.subSequence(from, to).toString());
        } catch (NumberFormatException | ArithmeticException e) {
            return BAD;
        }
    }

    private static boolean allDigits(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code n} decimal digits at {@code at} as an int, or -1 when one is not a digit (or out of range). */
    private static int digits(CharSequence s, int at, int n) {
        if (at + n > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
