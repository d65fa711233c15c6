package updown.klines;

/**
 * A kline file that cannot be replayed: one line naming the file, the line and what was wrong (and, for a line that
 * is not a kline at all, the formats accepted). An {@link IllegalArgumentException} so every command reports it as a
 * usage error (exit 2) without a stack trace.
 */
public final class KlineFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;

    KlineFileException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.line = line;
    }

    /** The 1-based line at fault, 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
