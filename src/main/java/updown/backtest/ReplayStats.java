package updown.backtest;

import java.time.Instant;

/**
 * What a replay did.
 *
 * @param events         market events given to the trader
 * @param skippedEvents  events before the warm-up start, not given
 * @param ticks          ticks run
 * @param warmupTicks    tick marks before {@code from}: events up to them were given, no tick was run
 * @param tradesOpened   trades the ticks opened
 * @param firstTick      first tick run (null if none)
 * @param lastTick       last tick run (null if none)
 * @param clockStart     the virtual clock's start: the first record given
 * @param clockEnd       the virtual clock at the end
 * @param wallNanos      real time the replay took
 * @param cpuNanos       CPU time the replay's event-loop thread used (driver, trader, portfolio: everything but the
 *                       source's file reads), so throughput can be judged on a busy machine too
 */
public record ReplayStats(long events, long skippedEvents, long ticks, long warmupTicks, long tradesOpened,
                          Instant firstTick, Instant lastTick, Instant clockStart, Instant clockEnd, long wallNanos,
                          long cpuNanos) {

    /** Market events plus tick marks replayed per real second. */
    public double recordsPerSecond() {
        return wallNanos <= 0 ? 0 : records() * 1e9 / wallNanos;
    }

    /** Records replayed per second of the event loop's CPU time. */
    public double recordsPerCpuSecond() {
        return cpuNanos <= 0 ? 0 : records() * 1e9 / cpuNanos;
    }

    public long records() {
        return events + skippedEvents + ticks + warmupTicks;
    }
}
