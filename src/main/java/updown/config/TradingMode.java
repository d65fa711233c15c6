package updown.config;

/** paper: simulated fills against real books; live: real orders on the CLOB through the same pipeline. */
public enum TradingMode {
    PAPER, LIVE
}
