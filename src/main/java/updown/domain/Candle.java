package updown.domain;

import java.time.Instant;

/**
 * One closed (final) or still-forming kline of the BTC reference price. Prices are exact micro-dollars; this is the
 * underlying's price, not an outcome-share price.
 *
 * @param openTime identifies the candle (klines are keyed by open time; a second copy is a duplicate)
 */
public record Candle(Instant openTime, long openMicros, long highMicros, long lowMicros, long closeMicros,
                     long volumeMicros, boolean closed) {

    public static Candle ofClose(Instant openTime, String close) {
        long c = Micros.parse(close);
        return new Candle(openTime, c, c, c, c, 0, true);
    }

    public double close() {
        return Micros.toDouble(closeMicros);
    }
}
