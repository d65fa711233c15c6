package updown.repository;

/**
 * Every SQL statement of {@link SqliteRepository}, named for what it does. The schema itself lives in the versioned
 * migrations under {@code src/main/resources/db/migration}. Column lists are spelled out so {@link Rows} reads by
 * name and a new column never shifts a position.
 */
final class SqlStatements {
    private SqlStatements() {
    }

    private static final String TRADE_COLUMNS = "market_id, slug, side, token_id, price_micros, alt_token_id, "
            + "alt_price_micros, shares_micros, alt_shares_micros, amount_micros, fee_micros, status, outcome, "
            + "payout_micros, pnl_micros, sources, confidence_micros, window_end_ns, opened_at_ns, settled_at_ns, "
            + "external_id, market";

    private static final String LEDGER_COLUMNS = "kind, amount_micros, trade_id, at_ns, note";

    private static final String SNAPSHOT_COLUMNS = "day, balance_micros, equity_micros, pnl_micros, fees_micros, "
            + "trades, wins, losses, at_ns";

    /** Parameters in {@link Rows#tradeParams} order; returns the new id. */
    static final String INSERT_OPEN_TRADE = "INSERT INTO trades (" + TRADE_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

    /** Parameters in {@link Rows#entryParams} order; returns the new sequence number. */
    static final String APPEND_LEDGER_ENTRY = "INSERT INTO ledger (" + LEDGER_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?) RETURNING seq";

    /**
     * Settles a trade only if it is still open: a resolution that arrives twice changes no row the second time.
     * Parameters: outcome, payout, pnl, settled_at, id.
     */
    static final String SETTLE_OPEN_TRADE = "UPDATE trades "
            + "SET status = 'SETTLED', outcome = ?, payout_micros = ?, pnl_micros = ?, settled_at_ns = ? "
            + "WHERE id = ? AND status = 'OPEN'";

    /** Reverses a trade only if it is still open. Parameters: settled_at (when it was undone), id. */
    static final String REVERSE_OPEN_TRADE = "UPDATE trades "
            + "SET status = 'REVERSED', pnl_micros = 0, settled_at_ns = ? "
            + "WHERE id = ? AND status = 'OPEN'";

    static final String TRADES_BY_ID = "SELECT id, " + TRADE_COLUMNS + " FROM trades ORDER BY id";

    /** Parameters: limit, offset. Ties on the opening time go to the later id. */
    static final String TRADES_NEWEST_FIRST = "SELECT id, " + TRADE_COLUMNS + " FROM trades "
            + "ORDER BY opened_at_ns DESC, id DESC LIMIT ? OFFSET ?";

    static final String COUNT_TRADES = "SELECT count(*) AS n FROM trades";

    static final String LEDGER_IN_SEQUENCE = "SELECT seq, " + LEDGER_COLUMNS + " FROM ledger ORDER BY seq";

    static final String CONTROL_STATE = "SELECT state, reason, since_ns FROM control_state WHERE id = 1";

    /** Parameters: state, reason, since. */
    static final String SAVE_CONTROL_STATE = "INSERT INTO control_state (id, state, reason, since_ns) "
            + "VALUES (1, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET state = excluded.state, reason = excluded.reason, "
            + "since_ns = excluded.since_ns";

    /** Parameters in {@link Rows#snapshotParams} order; saving the same day again replaces its numbers. */
    static final String SAVE_DAILY_SNAPSHOT = "INSERT INTO daily_snapshots (" + SNAPSHOT_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (day) DO UPDATE SET balance_micros = excluded.balance_micros, "
            + "equity_micros = excluded.equity_micros, pnl_micros = excluded.pnl_micros, "
            + "fees_micros = excluded.fees_micros, trades = excluded.trades, wins = excluded.wins, "
            + "losses = excluded.losses, at_ns = excluded.at_ns";

    static final String DAILY_SNAPSHOTS_BY_DAY = "SELECT " + SNAPSHOT_COLUMNS + " FROM daily_snapshots ORDER BY day";

    static final String LAST_CLOSED_DAY = "SELECT max(day) AS day FROM daily_snapshots";
}
