package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import updown.domain.FeeSchedule;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * What a taker's trades add up to, read from GET /data/trades elements: per maker fill, shares = {@code matched_amount},
 * price = the maker's {@code price} when the maker sold our token, else {@code 1 − price} (the maker bought the
 * complementary token: a "mint" match); fee = shares × {@code fee_rate_bps}/10⁴ × (p(1−p))^exponent, the exponent from
 * the market's schedule (the venue reports only the rate). A trade without maker fills counts its own size and price.
 */
record TradeSum(Shares shares, Usd spent, Usd fee) {

    static Optional<TradeSum> of(List<JsonNode> trades, String tokenId, FeeSchedule fees) {
        if (trades.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal shares = BigDecimal.ZERO;
        BigDecimal spent = BigDecimal.ZERO;
        long fee = 0;
        for (JsonNode t : trades) {
            BigDecimal bps = ClobClient.decimal(t.get("fee_rate_bps"));
            BigDecimal rate = bps == null ? fees.rate().toBigDecimal() : FeeMath.rateFromBps(bps);
            JsonNode makers = t.get("maker_orders");
            if (makers != null && makers.isArray() && !makers.isEmpty()) {
                for (JsonNode m : makers) {
                    BigDecimal size = ClobClient.decimal(m.get("matched_amount"));
                    BigDecimal p = ClobClient.decimal(m.get("price"));
                    if (size == null || p == null || size.signum() <= 0 || p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
                        return Optional.empty();
                    }
                    String asset = m.path("asset_id").asText(tokenId);
                    BigDecimal ours = asset.equals(tokenId) ? p : BigDecimal.ONE.subtract(p);
                    shares = shares.add(size);
                    spent = spent.add(size.multiply(ours));
                    fee += FeeMath.fee(Shares.ofMicros(Micros.fromBigDecimal(size)), Price.of(ours), rate,
                            fees.exponent()).micros();
                }
            } else {
                BigDecimal size = ClobClient.decimal(t.get("size"));
                BigDecimal p = ClobClient.decimal(t.get("price"));
                if (size == null || p == null || size.signum() <= 0 || p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
                    return Optional.empty();
                }
                shares = shares.add(size);
                spent = spent.add(size.multiply(p));
                fee += FeeMath.fee(Shares.ofMicros(Micros.fromBigDecimal(size)), Price.of(p), rate,
                        fees.exponent()).micros();
            }
        }
        return Optional.of(new TradeSum(Shares.ofMicros(Micros.fromBigDecimal(shares)),
                Usd.ofMicros(Micros.fromBigDecimal(spent)), Usd.ofMicros(fee)));
    }
}
