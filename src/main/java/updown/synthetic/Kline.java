package updown.synthetic;

import java.math.BigDecimal;

/**
 * One Binance 1-minute kline of the simulated BTCUSDT, complete ({@code closed}) or still forming. Prices in cents.
 */
public record Kline(long openTimeMs, long openCents, long highCents, long lowCents, long closeCents, double volume,
             int trades, long firstTradeId, double takerBuyVolume, boolean closed) {

    public long closeTimeMs() {
        return openTimeMs + 59_999;
    }

    public long lastTradeId() {
        return firstTradeId + trades - 1;
    }

    public static String price(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    public static String amount(double v) {
        return BigDecimal.valueOf(v).setScale(5, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    public String quoteVolume() {
        return amount(volume * closeCents / 100.0);
    }

    public String takerBuyQuoteVolume() {
        return amount(takerBuyVolume * closeCents / 100.0);
    }
}
