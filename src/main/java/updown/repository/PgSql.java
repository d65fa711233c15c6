package updown.repository;

/**
 * The statements of {@link SqlStatements} that take parameters, with PostgreSQL's numbered placeholders
 * ({@code $1, $2, ...}) instead of JDBC's {@code ?}: one SQL text for both databases, renumbered once here.
 */
final class PgSql {
    private PgSql() {
    }

    static final String INSERT_OPEN_TRADE = numbered(SqlStatements.INSERT_OPEN_TRADE);
    static final String APPEND_LEDGER_ENTRY = numbered(SqlStatements.APPEND_LEDGER_ENTRY);
    static final String SETTLE_OPEN_TRADE = numbered(SqlStatements.SETTLE_OPEN_TRADE);
    static final String REVERSE_OPEN_TRADE = numbered(SqlStatements.REVERSE_OPEN_TRADE);
    static final String TRADES_NEWEST_FIRST = numbered(SqlStatements.TRADES_NEWEST_FIRST);
    static final String SAVE_CONTROL_STATE = numbered(SqlStatements.SAVE_CONTROL_STATE);
    static final String SAVE_DAILY_SNAPSHOT = numbered(SqlStatements.SAVE_DAILY_SNAPSHOT);

    /**
     * Replaces each {@code ?} with {@code $n}, counting from 1. The statements hold no string literal or
     * operator containing a question mark, so every {@code ?} is a parameter.
     */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
