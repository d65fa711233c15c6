package updown.net;

/**
 * Thrown inside a parser by the {@link WireJson} accessors and caught at the parser's boundary, where it becomes a
 * {@link ParseError}. It never leaves a parser.
 */
public final class WireException extends RuntimeException {
    private final ParseError.Kind kind;

    public WireException(ParseError.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public ParseError.Kind kind() {
        return kind;
    }

    public ParseError toError() {
        return new ParseError(kind, getMessage());
    }
}
