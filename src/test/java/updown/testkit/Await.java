package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/** Waiting for a condition the event log cannot see (counters, a fake's connection count) without sleeping. */
public final class Await {
    private Await() {
    }

    /** Completes once {@code condition} holds; checked now and every 5 real ms. */
    public static Future<Void> until(Vertx vertx, BooleanSupplier condition) {
        Promise<Void> p = Promise.promise();
        if (condition.getAsBoolean()) {
            p.complete();
            return p.future();
        }
        long[] id = new long[1];
        id[0] = vertx.setPeriodic(5, t -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(id[0]);
                p.tryComplete();
            }
        });
        return p.future();
    }
}
