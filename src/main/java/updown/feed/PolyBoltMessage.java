package updown.feed;

import java.util.List;

/** One message of Polymarket's PolyBolt websocket (API-FACTS §4.3), parsed and typed. */
sealed interface PolyBoltMessage {

    /** {@code {"op":"authed","rid":…}}: the API credentials were accepted. */
    record Authed(String rid) implements PolyBoltMessage {
    }

    /** {@code {"op":"subscribed","channel":…,"rid":…}}: a snapshot of that channel follows. */
    record Subscribed(String channel, String rid) implements PolyBoltMessage {
    }

    /** {@code {"op":"error","code":…}}: the server refused something without closing (e.g. auth_required). */
    record Error(String code, String channel, String rid) implements PolyBoltMessage {
    }

    /**
     * A data envelope {@code {"v":1,"channel","seq","ts","snapshot"?,"dropped"?,"payload"}}: one report, or the
     * snapshot's recent reports ({@code payload.data[]}). {@code dropped} is how many messages the server says it
     * dropped for us (0 when absent).
     */
    record Data(String channel, long seq, boolean snapshot, long dropped, List<ReferenceTick> ticks)
            implements PolyBoltMessage {
        public Data {
            ticks = List.copyOf(ticks);
        }
    }

    /** {@code pong}, {@code unsubscribed} or another op that carries no data. */
    record Other(String op) implements PolyBoltMessage {
    }
}
