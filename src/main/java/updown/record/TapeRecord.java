package updown.record;

import java.time.Instant;
import java.util.Objects;
import updown.domain.MarketEvent;
import updown.domain.TraderTicked;

/**
 * One entry of a tape, in the order the trader saw it: a market event it folded into its view, or the mark of a tick
 * it took (everything before the mark was in its view when the tick decided; nothing after it was).
 */
public sealed interface TapeRecord {

    /** Receive time of the event, start time of the tick. */
    Instant at();

    /** A market event as the trader applied it. */
    record Event(MarketEvent event) implements TapeRecord {
        public Event {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public Instant at() {
            return event.at();
        }
    }

    /** A tick the trader took; {@code ticked.at()} is the tick's "now". */
    record Tick(TraderTicked ticked) implements TapeRecord {
        public Tick {
            Objects.requireNonNull(ticked, "ticked");
        }

        @Override
        public Instant at() {
            return ticked.at();
        }
    }
}
