package updown.net;

import java.util.Objects;
import java.util.function.Function;

/** A parsed value or the typed reason it could not be parsed; never both, never an exception. */
public final class ParseResult<T> {
    private final T value;
    private final ParseError error;

    private ParseResult(T value, ParseError error) {
        this.value = value;
        this.error = error;
    }

    public static <T> ParseResult<T> ok(T value) {
        return new ParseResult<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> ParseResult<T> failed(ParseError error) {
        return new ParseResult<>(null, Objects.requireNonNull(error, "error"));
    }

    public static <T> ParseResult<T> failed(ParseError.Kind kind, String detail) {
        return failed(new ParseError(kind, detail));
    }

    public boolean isOk() {
        return error == null;
    }

    /** The value; only call when {@link #isOk()}. */
    public T value() {
        if (error != null) {
            throw new IllegalStateException("no value: " + error);
        }
        return value;
    }

    /** The error; only call when not {@link #isOk()}. */
    public ParseError error() {
        if (error == null) {
            throw new IllegalStateException("no error: parse succeeded");
        }
        return error;
    }

    public <R> ParseResult<R> map(Function<T, R> f) {
        return isOk() ? ok(f.apply(value)) : failed(error);
    }

    @Override
    public String toString() {
        return isOk() ? "Ok(" + value + ")" : "Failed(" + error + ")";
    }
}
