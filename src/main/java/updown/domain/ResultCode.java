package updown.domain;

/**
 * Expected outcomes of commands, grouped by area (1xx trading, 2xx control, 3xx storage, 4xx input). Sent back over
 * the bus as the failure code of a reply, so callers branch on a value instead of parsing text.
 */
public enum ResultCode {
    OK(0),
    // trading
    INSUFFICIENT_BALANCE(101),
    TRADING_HALTED(102),
    POSITION_ALREADY_OPEN(103),
    BELOW_MIN_ORDER_SIZE(104),
    NO_LIQUIDITY(105),
    PRICE_ABOVE_LIMIT(106),
    ORDER_CAP_EXCEEDED(107),
    VENUE_REJECTED(108),
    VENUE_UNAVAILABLE(109),
    /** Live dry run: the order was built and signed but deliberately not sent; nothing was spent. */
    DRY_RUN(110),
    // control
    ALREADY_RUNNING(201),
    ALREADY_STOPPED(202),
    // storage
    STORAGE_FAILED(301),
    // input
    INVALID_INPUT(401),
    NOT_FOUND(404);

    private final int number;

    ResultCode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static ResultCode ofNumber(int number) {
        for (ResultCode c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        return STORAGE_FAILED;
    }
}
