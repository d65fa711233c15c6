package updown.net;

/** Why an HTTP call gave up after its retries: the kind names the log line and the counter. */
public final class HttpFailure extends RuntimeException {
    public enum Kind { TIMEOUT, CONNECT, RATE_LIMITED, SERVER_ERROR, IO }

    private final Kind kind;

    public HttpFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
