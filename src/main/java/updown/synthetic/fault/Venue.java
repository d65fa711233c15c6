package updown.synthetic.fault;

import java.util.Locale;

/** One face of the simulated exchange, as a fault target. */
public enum Venue {
    GAMMA(false), CLOB_REST(false), CLOB_WS(true), BINANCE_REST(false), BINANCE_WS(true), RTDS_WS(true);

    private final boolean socket;

    Venue(boolean socket) {
        this.socket = socket;
    }

    public boolean isSocket() {
        return socket;
    }

    /** The spelling in fault specs: {@code clob-ws}, {@code gamma}... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Venue fromWireName(String s) {
        for (Venue v : values()) {
            if (v.wireName().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown venue '" + s + "' (gamma, clob-rest, clob-ws, binance-rest, "
                + "binance-ws, rtds-ws)");
    }
}
