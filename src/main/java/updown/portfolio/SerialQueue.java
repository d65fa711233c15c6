package updown.portfolio;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs asynchronous operations one after another on the owner's event loop: an operation starts only when the
 * previous one finished (either way). This is what makes the portfolio a single writer even though each write is an
 * asynchronous database transaction.
 */
final class SerialQueue {
    private Future<?> tail = Future.succeededFuture();

    <T> Future<T> submit(Supplier<Future<T>> operation) {
        Promise<T> result = Promise.promise();
        tail = tail.transform(ignored -> {
            Future<T> f;
            try {
                f = operation.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(result);
            return f.transform(x -> Future.succeededFuture());
        });
        return result.future();
    }
}
