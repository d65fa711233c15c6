package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.domain.MarketEvent;

/**
 * Records every {@link MarketEvent} published on {@code Addresses.MARKET_EVENTS}, in order, and lets a test wait
 * for a condition on the record ({@link #await}) instead of sleeping.
 */
public final class MarketEventLog {
    private final List<MarketEvent> events = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private MessageConsumer<Object> consumer;

    private record Waiter(Predicate<MarketEventLog> condition, Promise<Void> promise) {
    }

    private MarketEventLog() {
    }

    /** Starts recording; the future completes once the consumer is registered. */
    public static Future<MarketEventLog> attach(Vertx vertx) {
        LocalRecordCodec.register(vertx.eventBus());
        MarketEventLog log = new MarketEventLog();
        log.consumer = vertx.eventBus().consumer(Addresses.MARKET_EVENTS, m -> {
            if (m.body() instanceof MarketEvent e) {
                log.add(e);
            }
        });
        return log.consumer.completion().map(v -> log);
    }

    private void add(MarketEvent e) {
        List<Promise<Void>> done = new ArrayList<>();
        synchronized (this) {
            events.add(e);
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.condition().test(this)) {
                    it.remove();
                    done.add(w.promise());
                }
            }
        }
        done.forEach(Promise::tryComplete);
    }

    /** Completes when {@code condition} holds (checked now and after every event). */
    public Future<Void> await(Predicate<MarketEventLog> condition) {
        Promise<Void> p = Promise.promise();
        boolean now;
        synchronized (this) {
            now = condition.test(this);
            if (!now) {
                waiters.add(new Waiter(condition, p));
            }
        }
        if (now) {
            p.complete();
        }
        return p.future();
    }

    /** Completes when at least {@code n} events of {@code type} matching {@code filter} were published. */
    public <T extends MarketEvent> Future<Void> awaitCount(Class<T> type, Predicate<T> filter, int n) {
        return await(l -> l.of(type).stream().filter(filter).count() >= n);
    }

    public synchronized List<MarketEvent> all() {
        return List.copyOf(events);
    }

    public synchronized <T extends MarketEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized int size() {
        return events.size();
    }

    public Future<Void> close() {
        return consumer.unregister();
    }
}
