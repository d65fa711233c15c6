package updown.klines;

import java.time.Instant;
import java.util.List;
import updown.domain.Candle;

/**
 * The closed one-minute candles of a kline file, in time order, each at its own open time (a whole minute; missing
 * minutes are simply absent), and the file's {@link KlineReport}.
 */
public record KlineSeries(List<Candle> candles, KlineReport report) {

    public KlineSeries {
        candles = List.copyOf(candles);
    }

    public Instant first() {
        return report.first();
    }

    /** Minutes from the first candle's open to candle {@code i}'s: {@code i} when the file has no gap. */
    public long minuteOf(int i) {
        return (candles.get(i).openTime().getEpochSecond() - report.first().getEpochSecond()) / 60;
    }

    public boolean hasGaps() {
        return report.gaps() > 0;
    }
}
