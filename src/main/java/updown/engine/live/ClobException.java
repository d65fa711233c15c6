package updown.engine.live;

/**
 * A CLOB request that did not give a usable answer. {@link Kind} tells the engine whether the venue certainly did
 * nothing (CLIENT, RATE_LIMITED), or whether the outcome is unknown (TRANSPORT, SERVER, MALFORMED). Messages hold the
 * endpoint, the status and a short excerpt of the venue's body, never a header or a secret.
 */
public final class ClobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer: timeout, refused or dropped connection. */
        TRANSPORT,
        /** HTTP 429 that could not be waited out within the retry budget. */
        RATE_LIMITED,
        /** HTTP 5xx. */
        SERVER,
        /** HTTP 4xx other than 429: the venue refused the request. */
        CLIENT,
        /** An answer that is not the JSON we expect. */
        MALFORMED
    }

    private final Kind kind;
    private final int status;
    private final String venueMessage;

    public ClobException(Kind kind, int status, String message, String venueMessage) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.venueMessage = venueMessage == null ? "" : venueMessage;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** The venue's own error text ({@code error} or {@code errorMsg}), empty when none. */
    public String venueMessage() {
        return venueMessage;
    }

    /** Whether the venue may have acted on the request although we got no usable answer. */
    public boolean outcomeUnknown() {
        return kind == Kind.TRANSPORT || kind == Kind.SERVER || kind == Kind.MALFORMED;
    }
}
