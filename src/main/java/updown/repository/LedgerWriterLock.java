package updown.repository;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per ledger across machines: a PostgreSQL session-level advisory lock, held on a connection of its own
 * for as long as this node writes the ledger. Advisory locks are scoped to the database, and one database is one
 * wallet's ledger, so this is one writer per wallet.
 *
 * <p>A second node asking for the same lock waits in the server ({@code pg_advisory_lock}; no thread of ours
 * blocks) and gets it the moment the first node's session ends: at once when that process dies (its socket closes,
 * kill -9 included), within about 25 s when its machine vanishes (the session's TCP keepalives, set below). The
 * node then loads the ledger, which holds every commit of its predecessor, and trades on.
 *
 * <p>If the holder's lock connection drops while it runs, another node may already be writing: {@code onLost} is
 * called so the process can stop writing at once (fencing by fail-stop).
 */
public final class LedgerWriterLock {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriterLock.class);
    /** The lock's key, the same on every node: "UPDOWNLK" in ASCII. */
    static final long KEY = 0x5550_444F_574E_4C4BL;
    /** One round of waiting for the lock, after which the wait is asked again. */
    static final long WAIT_ROUND_MS = 1_000;
    /** SQLSTATE lock_not_available: a round ended without the lock. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final PgConnection connection;
    private volatile boolean released;

    private LedgerWriterLock(PgConnection connection) {
        this.connection = connection;
    }

    /**
     * Connects to the ledger's database and takes the writer lock, waiting (as a standby, for as long as it takes)
     * while another node holds it. {@code onLost} runs if the lock's connection later ends without {@link #release}.
     */
    public static Future<LedgerWriterLock> acquire(Vertx vertx, String url, Runnable onLost) {
        PgConnectOptions options = PostgresRepository.connectOptions(url);
        String where = PostgresRepository.describe(options);
        return PgConnection.connect(vertx, options).compose(conn -> {
            LedgerWriterLock lock = new LedgerWriterLock(conn);
            // the server notices a vanished holder within idle + interval × count seconds and ends its session
            return conn.query("SET tcp_keepalives_idle = 10").execute()
                    .compose(v -> conn.query("SET tcp_keepalives_interval = 5").execute())
                    .compose(v -> conn.query("SET tcp_keepalives_count = 3").execute())
                    .compose(v -> conn.preparedQuery("SELECT pg_try_advisory_lock($1) AS got").execute(Tuple.of(KEY)))
                    .compose(rows -> {
                        if (rows.iterator().next().getBoolean("got")) {
                            return Future.succeededFuture();
                        }
                        LOG.warn("standby: another node writes the ledger at {}; waiting for its writer lock", where);
                        return conn.query("SET lock_timeout = '" + WAIT_ROUND_MS + "ms'").execute()
                                .compose(v -> waitForLock(conn));
                    })
                    .map(v -> {
                        LOG.info("this node holds the writer lock of the ledger at {}", where);
                        conn.closeHandler(closed -> {
                            if (!lock.released) {
                                LOG.error("lost the writer lock of the ledger at {} (its connection closed)", where);
                                onLost.run();
                            }
                        });
                        return lock;
                    })
                    .recover(err -> conn.close().transform(ignored -> Future.failedFuture(err)));
        });
    }

    /**
     * Waits in the server for the lock, in rounds of {@value #WAIT_ROUND_MS} ms ({@code lock_timeout}): the lock is
     * granted the moment it is free, and between two rounds no statement is pending, so closing Vert.x (a stop while
     * waiting) closes this connection within a round instead of hanging on a wait that may never end.
     */
    private static Future<Void> waitForLock(PgConnection conn) {
        return conn.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(KEY)).<Void>mapEmpty()
                .recover(err -> err instanceof PgException e && LOCK_NOT_AVAILABLE.equals(e.getSqlState())
                        ? waitForLock(conn) : Future.failedFuture(err));
    }

    /** Gives the lock up (ends its session); a standby takes over. Calling it again is harmless. */
    public Future<Void> release() {
        if (released) {
            return Future.succeededFuture();
        }
        released = true;
        return connection.close();
    }
}
