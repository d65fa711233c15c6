package updown.net;

/**
 * Why one piece of wire input was refused. Parsers never throw: they return one of these, the caller skips the
 * input and counts it by {@link Kind}.
 */
public record ParseError(Kind kind, String detail) {

    public enum Kind {
        /** Not JSON at all, or cut off mid-document. */
        MALFORMED_JSON,
        /** A required field is absent or null. */
        MISSING_FIELD,
        /** A field holds the wrong JSON type (an object where a list belongs, text where a boolean belongs...). */
        WRONG_TYPE,
        /** The type is right but the value is not usable (not a decimal, out of range, negative price...). */
        BAD_VALUE,
        /** A well-formed event of a type this client does not handle. */
        UNKNOWN_EVENT
    }

    public ParseError {
        detail = detail == null ? "" : detail.length() > 200 ? detail.substring(0, 200) + "..." : detail;
    }

    /** The counter name this error is recorded under, e.g. {@code parse.MISSING_FIELD}. */
    public String counterName() {
        return "parse." + kind.name();
    }

    @Override
    public String toString() {
        return kind + ": " + detail;
    }
}
