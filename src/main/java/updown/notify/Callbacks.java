package updown.notify;

/** The callback_data values our buttons carry. */
final class Callbacks {
    static final String STATUS = "status";
    static final String PNL = "pnl";
    static final String HISTORY = "history";
    static final String CHART = "chart";
    static final String STOP = "stop";
    static final String RESUME = "resume";
    /** Followed by the confirmation's nonce. */
    static final String CONFIRM_PREFIX = "cf:";
    static final String CANCEL_PREFIX = "cx:";

    private Callbacks() {
    }
}
