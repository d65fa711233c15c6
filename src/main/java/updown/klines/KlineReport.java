package updown.klines;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a kline file held, for the person who gave it: how many rows, from when to when, and the minutes missing
 * between them.
 *
 * @param source            the file as named on the command line
 * @param rows              one-minute rows read
 * @param first             open time of the first row (UTC, whole minute)
 * @param last              open time of the last row
 * @param gaps              places where one or more minutes are missing between two rows
 * @param missingMinutes    minutes missing in all gaps together
 * @param longestGapMinutes minutes missing in the longest gap (0 without gaps)
 * @param longestGapAfter   open time of the row just before the longest gap (null without gaps)
 */
public record KlineReport(String source, int rows, Instant first, Instant last, int gaps, long missingMinutes,
                          long longestGapMinutes, Instant longestGapAfter) {

    /** Minutes from the first row's open to the end of the last row's minute: rows + missing minutes. */
    public long spanMinutes() {
        return rows + missingMinutes;
    }

    /** One line: rows, span and gaps, e.g. for stderr before a run. */
    public String describe() {
        String head = String.format(Locale.ROOT, "%s: %d one-minute rows, first %s, last %s", source, rows, first,
                last);
        if (gaps == 0) {
            return head + ", no gaps";
        }
        return head + String.format(Locale.ROOT, ", %d gap(s) with %d minute(s) missing (longest %d min, after %s);"
                + " no candle is replayed for a missing minute and no market is listed for a window that touches one",
                gaps, missingMinutes, longestGapMinutes, longestGapAfter);
    }

    /** The same facts as JSON fields (snake_case, times ISO-8601 UTC). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", source);
        m.put("rows", rows);
        m.put("first", first.toString());
        m.put("last", last.toString());
        m.put("gaps", gaps);
        m.put("missing_minutes", missingMinutes);
        m.put("longest_gap_minutes", longestGapMinutes);
        m.put("longest_gap_after", longestGapAfter == null ? null : longestGapAfter.toString());
        return m;
    }
}
