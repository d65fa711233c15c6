package updown.feed;

import java.util.List;

/** One message of Polymarket's RTDS websocket (API-FACTS §4.2), parsed and typed. */
sealed interface RtdsMessage {

    /** A price update ({@code type:"update"}). */
    record Update(String topic, ReferenceTick tick) implements RtdsMessage {
    }

    /** The history dump sent right after subscribing ({@code type:"subscribe"}, {@code payload.data[]}). */
    record Snapshot(List<ReferenceTick> ticks) implements RtdsMessage {
        public Snapshot {
            ticks = List.copyOf(ticks);
        }
    }

    /** An empty frame or the server's {@code PONG}: proof of life, no data. */
    record KeepAlive() implements RtdsMessage {
    }
}
