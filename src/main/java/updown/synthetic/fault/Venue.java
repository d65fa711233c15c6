package updown.synthetic.fault;

import java.util.Locale;

/** One face of the simulated exchange, as a fault target. */
public enum Venue {
    GAMMA(Transport.HTTP), CLOB_REST(Transport.HTTP), CLOB_WS(Transport.SOCKET), BINANCE_REST(Transport.HTTP),
    BINANCE_WS(Transport.SOCKET), RTDS_WS(Transport.SOCKET);

    /** How clients reach this face: plain HTTP requests or a long-lived WebSocket. */
    public enum Transport { HTTP, SOCKET }

    private final Transport transport;

    Venue(Transport transport) {
        this.transport = transport;
    }

    public boolean isSocket() {
        return transport == Transport.SOCKET;
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
