package updown.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request to stop: SIGTERM or SIGINT (handled by us, not by a shutdown hook, so an orderly stop ends in exit code
 * 0), or {@link #request()} from code. Installed before anything starts, so a {@code docker stop} that arrives while
 * the bot is still connecting stops it cleanly too.
 */
public final class StopSignal {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
    private final CountDownLatch latch = new CountDownLatch(1);

    /** A signal that only {@link #request()} trips (tests). */
    public static StopSignal manual() {
        return new StopSignal();
    }

    /** Tripped by SIGTERM and SIGINT from now on. */
    public static StopSignal onTermOrInt() {
        StopSignal stop = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stop.request());
            } catch (IllegalArgumentException unsupported) {
                LOG.debug("signal {} cannot be handled here", name);
            }
        }
        return stop;
    }

    public void request() {
        latch.countDown();
    }

    boolean requested() {
        return latch.getCount() == 0;
    }

    /** Waits until a stop is requested. */
    public void await() throws InterruptedException {
        latch.await();
    }

    /**
     * Waits for {@code work} unless a stop is requested first; returns null when stopped, else its result.
     *
     * @throws ExecutionException when the work failed
     * @throws TimeoutException   when it did not finish within the timeout
     */
    public <T> T awaitUnlessStopped(CompletableFuture<T> work, long timeout, TimeUnit unit)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!work.isDone()) {
            if (latch.await(50, TimeUnit.MILLISECONDS)) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not done within " + timeout + " " + unit.toString().toLowerCase());
            }
        }
        return work.get();
    }
}
