package updown.repository;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The ledger file exists but is not a database this build can use (not SQLite, truncated, damaged, or someone
 * else's). Thrown before anything opens it for writing, so the message can promise that nothing was changed.
 */
public final class UnreadableDatabaseException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnreadableDatabaseException(Path file, String reason) {
        // one line whatever the reason says: quick_check answers over several
        super(file + " is not a readable UpDown database (" + reason.replaceAll("\\s+", " ").strip()
                + "); nothing was changed");
    }
}
