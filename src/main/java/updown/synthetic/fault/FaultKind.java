package updown.synthetic.fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The faults the exchange can inject, with the names used by {@code SIM_FAULTS} / {@code --faults}, the venues each
 * can hit, the duration a scheduled one lasts when none is given, and the range a random one draws from.
 */
public enum FaultKind {
    /** Close the websocket (Binance first sends its {@code serverShutdown} event). Instantaneous. */
    WS_DROP("ws-drop", EnumSet.of(Venue.CLOB_WS, Venue.BINANCE_WS, Venue.RTDS_WS), 0, 0, 0),
    /** Keep the sockets open at that moment but send nothing on them (not even PONG) for the duration. */
    WS_FREEZE("ws-freeze", EnumSet.of(Venue.CLOB_WS, Venue.BINANCE_WS, Venue.RTDS_WS), 60, 40, 90),
    /** Every HTTP request answers 429 with a Retry-After header for the duration. */
    HTTP_429("http-429", EnumSet.of(Venue.GAMMA, Venue.CLOB_REST, Venue.BINANCE_REST), 15, 5, 30),
    /** Every HTTP request answers a 5xx for the duration. */
    HTTP_5XX("http-5xx", EnumSet.of(Venue.GAMMA, Venue.CLOB_REST, Venue.BINANCE_REST), 15, 5, 30),
    /** HTTP bodies are corrupted (200 with truncated JSON, wrong types, missing fields, HTML); sockets get extra
     *  corrupted frames in between the good ones. */
    MALFORMED("malformed", EnumSet.allOf(Venue.class), 5, 2, 10),
    /** The window resolves this much later than its normal 60–120 s after the end. */
    LATE_RESOLUTION("late-resolution", EnumSet.noneOf(Venue.class), 300, 180, 600);

    private final String wireName;
    private final Set<Venue> venues;
    private final long defaultSeconds;
    private final long randomMinSeconds;
    private final long randomMaxSeconds;

    FaultKind(String wireName, Set<Venue> venues, long defaultSeconds, long randomMinSeconds, long randomMaxSeconds) {
        this.wireName = wireName;
        this.venues = venues;
        this.defaultSeconds = defaultSeconds;
        this.randomMinSeconds = randomMinSeconds;
        this.randomMaxSeconds = randomMaxSeconds;
    }

    public String wireName() {
        return wireName;
    }

    /** Venues this fault can hit, in declaration order (empty for late-resolution, which hits a market). */
    public List<Venue> venues() {
        return List.copyOf(venues);
    }

    public boolean hits(Venue v) {
        return venues.contains(v);
    }

    public Duration defaultDuration() {
        return Duration.ofSeconds(defaultSeconds);
    }

    long randomMinSeconds() {
        return randomMinSeconds;
    }

    long randomMaxSeconds() {
        return randomMaxSeconds;
    }

    public static FaultKind fromWireName(String s) {
        String n = s.strip().toLowerCase(Locale.ROOT);
        for (FaultKind k : values()) {
            if (k.wireName.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + s + "' (ws-drop, ws-freeze, http-429, http-5xx, "
                + "malformed, late-resolution)");
    }
}
