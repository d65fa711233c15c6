package updown.domain;

/** Whether new trades may open. STOPPED is a manual kill switch; BREAKER a tripped circuit breaker. */
public enum TradingState {
    RUNNING, STOPPED, BREAKER
}
