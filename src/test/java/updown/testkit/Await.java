package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits on the test thread (never an event loop) for a future to complete. The timeout is a safety net against a
 * hung test, not a timing assumption: the awaited future completes as soon as the work is done.
 */
public final class Await {
    private static final long SAFETY_NET_SECONDS = 20;

    private Await() {
    }

    public static <T> T result(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError("future failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError("future did not complete within " + SAFETY_NET_SECONDS + " s", e);
        }
    }

    /** The failure of a future that must fail. */
    public static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError("future did not complete within " + SAFETY_NET_SECONDS + " s", e);
        }
        throw new AssertionError("expected the future to fail, but it succeeded");
    }

    /**
     * Completes once {@code condition} holds, checked now and every 5 real ms: for conditions no event announces
     * (counters, a fake's connection count). A condition, not a sleep: it completes as soon as it holds.
     */
    public static Future<Void> until(Vertx vertx, BooleanSupplier condition) {
        Promise<Void> p = Promise.promise();
        if (condition.getAsBoolean()) {
            p.complete();
            return p.future();
        }
        // cancel by the id the handler is given: an id stored after setPeriodic returns may not be there yet when
        // a preempted caller is slow, and cancelTimer(0) would cancel another timer (the first one of this Vertx)
        vertx.setPeriodic(5, t -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(t);
                p.tryComplete();
            }
        });
        return p.future();
    }
}
