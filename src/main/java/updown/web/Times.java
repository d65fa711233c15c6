package updown.web;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import updown.domain.Kst;

/** Times on the wire: ISO-8601 UTC ("2026-05-12T10:00:00Z"), plus the KST form where a person reads it. */
final class Times {
    private static final DateTimeFormatter KST = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Times() {
    }

    static String utc(Instant t) {
        return t == null ? null : t.toString();
    }

    static String kst(Instant t) {
        return t == null ? null : KST.format(t.atZone(Kst.ZONE));
    }

    /** Puts {@code name} (UTC) and {@code nameKst}; both null when the instant is absent. */
    static JsonObject put(JsonObject json, String name, Instant t) {
        json.put(name, utc(t));
        json.put(name + "Kst", kst(t));
        return json;
    }
}
