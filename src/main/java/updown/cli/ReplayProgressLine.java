package updown.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import updown.backtest.Backtest;
import updown.time.BotClock;

/**
 * A backtest's progress on one stderr line, redrawn in place: how far the replay's clock has got through the span
 * to replay, the wall time elapsed and the time left at the pace so far. Drawn at most once per {@code every} of
 * wall time and only once the run has lasted that long, so a short backtest prints nothing.
 */
final class ReplayProgressLine implements Backtest.Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final BotClock wall;
    private final Instant from;
    private final Instant to;
    private final Duration every;
    private final Instant started;
    private Instant lastDrawn;
    private boolean drawn;

    /**
     * @param from  where the replay starts (virtual time)
     * @param to    where it ends at the latest (virtual time)
     * @param every the least wall time between two draws, and before the first
     */
    ReplayProgressLine(PrintStream err, BotClock wall, Instant from, Instant to, Duration every) {
        this.err = err;
        this.wall = wall;
        this.from = from;
        this.to = to;
        this.every = every;
        this.started = wall.instant();
        this.lastDrawn = started;
    }

    @Override
    public synchronized void reached(Instant at) {
        Instant now = wall.instant();
        if (Duration.between(lastDrawn, now).compareTo(every) < 0) {
            return;
        }
        lastDrawn = now;
        long span = Math.max(1, Duration.between(from, to).toSeconds());
        long done = Math.max(0, Math.min(span, Duration.between(from, at).toSeconds()));
        long elapsedMs = Duration.between(started, now).toMillis();
        long leftS = done == 0 ? 0 : Math.round(elapsedMs / 1000.0 * (span - done) / done);
        int filled = (int) (WIDTH * done / span);
        err.printf(Locale.ROOT, "\r[%s%s] %3d%% replayed to %s, %.0fs elapsed, ~%ds left ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * done / span, at, elapsedMs / 1000.0, leftS);
        err.flush();
        drawn = true;
    }

    /** Ends the line if one was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
