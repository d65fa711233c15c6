package updown.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of every command and button press: who, what, result, one line each on the SLF4J logger named
 * {@code audit} (routed to its own file by the logging configuration). User text is cleaned so a message cannot
 * forge log lines or smuggle the token into the log.
 */
final class Audit {
    static final String LOGGER = "audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_WHAT = 120;

    private final Redactor redactor;

    Audit(Redactor redactor) {
        this.redactor = redactor;
    }

    void record(Incoming who, String what, String result) {
        AUDIT.info("telegram user={} name={} chat={} what=\"{}\" result={}", who.userId(),
                who.userName() == null ? "-" : "@" + clean(who.userName(), 64), who.chatId(), clean(what, MAX_WHAT),
                clean(result, MAX_WHAT));
    }

    private String clean(String text, int max) {
        String t = redactor.clean(text).replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").replace('"', '\'');
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }
}
