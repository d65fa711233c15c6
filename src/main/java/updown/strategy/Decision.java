package updown.strategy;

import java.util.Objects;
import updown.domain.Signal;
import updown.engine.Order;

/** What the {@link Decider} concluded for one market at one moment: place an order, or skip for a reason. */
public sealed interface Decision {

    /** The signal behind the decision (a SKIP signal when no strategy fired). */
    Signal signal();

    /** No order. {@code reason} is one line for logs and the dashboard. */
    record Skip(String reason, Signal signal) implements Decision {
        public Skip {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(signal, "signal");
        }
    }

    /** Send {@code order} to the engine. */
    record Place(Order order, Signal signal) implements Decision {
        public Place {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(signal, "signal");
        }
    }
}
