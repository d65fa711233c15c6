package updown.engine.live;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * What a taker's trades add up to, from {@link VenueTrade}s (GET /data/trades or user-channel {@code trade}): per maker
 * fill, shares = {@code matched_amount}, price = the maker's {@code price} when the maker sold our token, else
 * {@code 1 − price} (the maker bought the complementary token: a "mint" match). The fee is what the venue charged:
 * per trade, its fills at the trade's {@code fee_rate_bps} (the rate applied, in bps of the formula's rate) with the
 * market's exponent, through the one fee formula ({@link VenueFees}), in pUSD. A trade without {@code fee_rate_bps}
 * is charged at the market's schedule; {@code "0"} is no fee. A trade without maker fills counts its own size and
 * price. A trade in which we were the MAKER is not ours to read here (the engine only sends FOK/FAK takers): empty.
 */
record TradeSum(Shares shares, Usd spent, Usd fee) {

    static Optional<TradeSum> of(List<VenueTrade> trades, String tokenId, FeeSchedule fees) {
        if (trades.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal shares = BigDecimal.ZERO;
        BigDecimal spent = BigDecimal.ZERO;
        long fee = 0;
        for (VenueTrade t : trades) {
            if ("MAKER".equalsIgnoreCase(t.traderSide())) {
                return Optional.empty();
            }
            Optional<FeeSchedule> charged = t.feeRateBps() == null ? Optional.of(fees)
                    : VenueFees.scheduleFromBps(t.feeRateBps(), fees);
            if (charged.isEmpty()) {
                return Optional.empty();
            }
            List<Level> fills = new ArrayList<>();
            if (!t.makerOrders().isEmpty()) {
                for (VenueTrade.MakerFill m : t.makerOrders()) {
                    BigDecimal size = m.matchedAmount();
                    BigDecimal p = m.price();
                    if (!valid(size, p)) {
                        return Optional.empty();
                    }
                    String asset = m.assetId() == null ? tokenId : m.assetId();
                    BigDecimal ours = asset.equals(tokenId) ? p : BigDecimal.ONE.subtract(p);
                    shares = shares.add(size);
                    spent = spent.add(size.multiply(ours));
                    fills.add(new Level(Price.of(ours), Shares.ofMicros(Micros.fromBigDecimal(size))));
                }
            } else {
                BigDecimal size = t.size();
                BigDecimal p = t.price();
                if (!valid(size, p)) {
                    return Optional.empty();
                }
                shares = shares.add(size);
                spent = spent.add(size.multiply(p));
                fills.add(new Level(Price.of(p), Shares.ofMicros(Micros.fromBigDecimal(size))));
            }
            fee += VenueFees.fee(fills, charged.get()).micros();
        }
        return Optional.of(new TradeSum(Shares.ofMicros(Micros.fromBigDecimal(shares)),
                Usd.ofMicros(Micros.fromBigDecimal(spent)), Usd.ofMicros(fee)));
    }

    private static boolean valid(BigDecimal size, BigDecimal p) {
        return size != null && p != null && size.signum() > 0 && p.signum() >= 0 && p.compareTo(BigDecimal.ONE) <= 0;
    }
}
