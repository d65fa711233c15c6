package updown.net;

import org.slf4j.Logger;

/**
 * Logs a failing dependency once per kind of failure, not once per attempt: a bot that retries every few seconds
 * for hours must not fill the disk. A success after failures logs one recovery line.
 */
public final class FailureLog {
    private final Logger log;
    private final String what;
    private String lastKind;
    private long failures;

    public FailureLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** Records a failure; logs it when its kind differs from the previous failure's. */
    public void failure(String kind, String detail) {
        failures++;
        if (!kind.equals(lastKind)) {
            lastKind = kind;
            log.warn("{}: {} ({}); retrying, further {} failures are not logged", what, kind, detail, kind);
        }
    }

    public void success() {
        if (lastKind != null) {
            log.info("{}: recovered after {} failure(s)", what, failures);
        }
        lastKind = null;
        failures = 0;
    }

    public boolean failing() {
        return lastKind != null;
    }
}
