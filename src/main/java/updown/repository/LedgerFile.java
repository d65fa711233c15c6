package updown.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Checks an existing ledger file before anything opens it for writing. Opening a damaged file the usual way is not
 * harmless: switching it to WAL rewrites its header, a connection leaves {@code -wal}/{@code -shm} files next to it,
 * and Flyway would try to create its history table. So the file is first read as plain bytes (the SQLite header and
 * its length), then through an {@code immutable} read-only connection, which takes no lock and creates no file, and
 * only a file that passes is opened normally. A missing or empty file passes: it is a new ledger.
 */
final class LedgerFile {
    /** SQLite's header is 100 bytes and starts with this magic string. */
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 100;
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private LedgerFile() {
    }

    /**
     * Throws {@link UnreadableDatabaseException} naming {@code shown} (the path as the user configured it) when
     * {@code file} exists, is not empty, and is not an intact SQLite database holding an UpDown schema or nothing.
     */
    static void requireUsable(Path shown, Path file) throws IOException {
        if (requireIntactFile(shown, file)) {
            checkContent(shown, file);
        }
    }

    /**
     * The byte-level half of {@link #requireUsable}, for a reader that may run while the bot writes (an immutable
     * connection assumes nobody does): the SQLite header, and a length that holds every page the header counts.
     * Returns whether there is a database to look into (false: missing or empty).
     */
    static boolean requireIntactFile(Path shown, Path file) throws IOException {
        if (!Files.exists(file) || Files.isRegularFile(file) && Files.size(file) == 0) {
            return false;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UnreadableDatabaseException(shown, "not a readable file");
        }
        checkHeader(shown, file);
        return true;
    }

    /** The one-line reason in an exception from sqlite-jdbc or Flyway (whose messages run over several lines). */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return reason(sql);
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
    }

    private static void checkHeader(Path shown, Path file) throws IOException {
        long size = Files.size(file);
        byte[] header = new byte[HEADER];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(header, 0, HEADER);
        }
        if (n < MAGIC.length || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new UnreadableDatabaseException(shown, "file is not a database");
        }
        if (n < HEADER) {
            throw new UnreadableDatabaseException(shown, "truncated: " + size + " bytes");
        }
        int pageSize = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        pageSize = pageSize == 1 ? 65_536 : pageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw new UnreadableDatabaseException(shown, "file is not a database");
        }
        // the page count in the header is valid only while "version-valid-for" equals the change counter
        long pages = readInt(header, 28);
        boolean countValid = readInt(header, 24) == readInt(header, 92) && pages > 0;
        if (size % pageSize != 0 || countValid && size < pages * pageSize) {
            throw new UnreadableDatabaseException(shown, "truncated: " + size + " bytes"
                    + (countValid ? " of " + pages * pageSize : ""));
        }
    }

    private static void checkContent(Path shown, Path file) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.resetOpenMode(SQLiteOpenMode.READWRITE);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        // immutable: no locks, no -wal/-shm/journal, nothing written, whatever the file says its journal mode is
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer to quick_check";
                if (!"ok".equalsIgnoreCase(verdict)) {
                    throw new UnreadableDatabaseException(shown, "damaged: " + verdict.replace("*** in database main ***", ""));
                }
            }
            boolean anyTable = false;
            boolean history = false;
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    anyTable = true;
                    history |= HISTORY_TABLE.equalsIgnoreCase(rs.getString(1));
                }
            }
            if (anyTable && !history) {
                throw new UnreadableDatabaseException(shown, "it holds tables but no UpDown schema");
            }
        } catch (SQLException e) {
            throw new UnreadableDatabaseException(shown, reason(e));
        }
    }

    /** sqlite-jdbc's "[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)". */
    private static String reason(SQLException e) {
        String m = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
        int open = m.lastIndexOf('(');
        return open >= 0 && m.endsWith(")") ? m.substring(open + 1, m.length() - 1) : m;
    }

    private static long readInt(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
                | (b[at + 3] & 0xff);
    }
}
