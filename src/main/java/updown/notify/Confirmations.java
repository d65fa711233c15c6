package updown.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import updown.domain.Usd;

/**
 * Money-moving commands wait here for a button press. Each prompt has its own nonce (carried in callback_data),
 * is single-use, expires, and can be confirmed only by the user who asked. Pure apart from the injected nonces.
 */
final class Confirmations {
    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_PENDING = 20;

    /** What is waiting for confirmation. */
    sealed interface Action {
        record TopUp(Usd amount) implements Action {
        }

        record ResumeAfterBreaker(String reason) implements Action {
        }
    }

    /** The result of pressing a confirm or cancel button. */
    sealed interface Taken {
        record Ready(Action action) implements Taken {
        }

        /** Unknown nonce: already used, cancelled, or from before a restart. */
        record Unknown() implements Taken {
        }

        record Expired() implements Taken {
        }

        /** Someone else pressed it; the prompt stays valid for its owner. */
        record NotYours() implements Taken {
        }
    }

    private record Pending(Action action, long userId, Instant expires) {
    }

    private final Supplier<String> nonces;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    Confirmations(Supplier<String> nonces) {
        this.nonces = nonces;
    }

    /** Registers a prompt and returns its nonce. */
    String ask(Action action, long userId, Instant now) {
        purge(now);
        while (pending.size() >= MAX_PENDING) {
            Iterator<String> it = pending.keySet().iterator();
            it.next();
            it.remove();
        }
        String nonce = nonces.get();
        pending.put(nonce, new Pending(action, userId, now.plus(TTL)));
        return nonce;
    }

    /** Consumes the prompt if {@code userId} owns it and it has not expired. */
    Taken take(String nonce, long userId, Instant now) {
        Pending p = pending.get(nonce);
        if (p == null) {
            return new Taken.Unknown();
        }
        if (!now.isBefore(p.expires())) {
            pending.remove(nonce);
            return new Taken.Expired();
        }
        if (p.userId() != userId) {
            return new Taken.NotYours();
        }
        pending.remove(nonce);
        return new Taken.Ready(p.action());
    }

    int size() {
        return pending.size();
    }

    private void purge(Instant now) {
        pending.values().removeIf(p -> !now.isBefore(p.expires()));
    }
}
