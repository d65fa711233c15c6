package updown.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import updown.bus.LocalRecordCodec;

/**
 * Records what is published on one bus address, so a test can wait for "the n-th message arrived" (a condition)
 * instead of sleeping.
 */
public final class BusRecorder<T> {
    private final List<T> received = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final MessageConsumer<T> consumer;

    private record Waiter(int count, CompletableFuture<Void> done) {
    }

    private BusRecorder(Vertx vertx, String address) {
        LocalRecordCodec.register(vertx.eventBus());
        consumer = vertx.eventBus().consumer(address, m -> {
            synchronized (this) {
                received.add(m.body());
                waiters.removeIf(w -> {
                    if (received.size() >= w.count) {
                        w.done.complete(null);
                        return true;
                    }
                    return false;
                });
            }
        });
        Await.result(consumer.completion());
    }

    public static <T> BusRecorder<T> on(Vertx vertx, String address) {
        return new BusRecorder<>(vertx, address);
    }

    /** Blocks the test thread until at least {@code n} messages arrived; returns the first n. */
    public List<T> awaitCount(int n) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (received.size() >= n) {
                return new ArrayList<>(received.subList(0, n));
            }
            waiters.add(new Waiter(n, done));
        }
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("expected " + n + " messages, got " + all().size(), e);
        }
        synchronized (this) {
            return new ArrayList<>(received.subList(0, n));
        }
    }

    public T awaitFirst() {
        return awaitCount(1).get(0);
    }

    public synchronized List<T> all() {
        return new ArrayList<>(received);
    }

    public void close() {
        Await.result(consumer.unregister());
    }
}
