package updown.app;

/** Process exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The run failed at runtime (e.g. the database could not be opened). */
    public static final int FAILURE = 1;
    /** Bad settings or refused mode: nothing was started and nothing was written. */
    public static final int CONFIG = 2;

    private ExitCodes() {
    }
}
