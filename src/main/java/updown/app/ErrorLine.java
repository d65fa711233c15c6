package updown.app;

/** One line for an error a user reads (stderr, the startup log): the innermost message worth showing. */
public final class ErrorLine {
    private ErrorLine() {
    }

    /** The innermost message worth showing, on one line. */
    public static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : firstLine(m);
    }

    /** The first line of a message, without picocli's "Error: " prefix. */
    public static String firstLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("").strip();
        // picocli starts some messages with "Error: "; the line says it is an error already
        return line.startsWith("Error: ") ? line.substring("Error: ".length()) : line;
    }
}
