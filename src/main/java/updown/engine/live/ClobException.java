package updown.engine.live;

/**
 * A CLOB request that did not give a usable answer, carrying the {@link VenueError} the adapter ({@link VenueErrors})
 * made of it: the engine tells from its kind whether the venue certainly did nothing or whether the outcome is
 * unknown. Messages hold the endpoint, the status and a short excerpt of the venue's text, never a header or a
 * secret.
 */
public final class ClobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient VenueError error;

    /** {@code what} names the request ("GET /balance-allowance"); the message is "what: HTTP 400 "text"". */
    ClobException(String what, VenueError error) {
        super(what + ": " + error.describe(), null, false, false);
        this.error = error;
    }

    public VenueError error() {
        return error;
    }

    public VenueError.Kind kind() {
        return error.kind();
    }

    public int status() {
        return error.status();
    }

    /** The venue's own error text, empty when none. */
    public String venueMessage() {
        return error.message();
    }

    /** Whether the venue may have acted on the request although we got no usable answer. */
    public boolean outcomeUnknown() {
        return error.outcomeUnknown();
    }
}
