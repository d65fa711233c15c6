package updown.synthetic;

/**
 * The simulated BTC/USDT price, one sample per second counted from the simulation's epoch (second 0). Pure: the same
 * second always gives the same price. Implementations must be safe to read from several threads.
 */
interface PricePath {

    /** Price in US cents at {@code second} (≥ 0) after the epoch. */
    long cents(long second);

    /** Base volume (BTC) traded during minute {@code minute} (≥ 0) after the epoch. */
    double minuteVolume(long minute);

    /** Standard deviation of the log price per √second: what a market maker would price the windows with. */
    double sigmaPerSecond();

    /** Whether minute {@code minute} (≥ 0) after the epoch has data: false in a gap of a replayed kline file. */
    default boolean hasMinute(long minute) {
        return true;
    }

    /** Whether some minute has no data (see {@link #hasMinute}). */
    default boolean hasGaps() {
        return false;
    }

    /**
     * Offsets (seconds into a minute, ascending) between which, and between the minute's start and its last second,
     * the price only rises or only falls: a minute's high and low are then among the prices at these seconds and at
     * the ends. Null (the default) when nothing is known, and every second has to be looked at.
     */
    default int[] monotoneBetween() {
        return null;
    }

    /** For the log: where the path comes from. */
    String describe();
}
