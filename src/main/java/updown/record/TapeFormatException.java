package updown.record;

/** A record that cannot be decoded although its checksum matched: an unknown type or a body that does not parse. */
public final class TapeFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TapeFormatException(String message) {
        super(message);
    }
}
