package updown.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import updown.domain.Kst;
import updown.domain.Trade;

/**
 * One trade as every output shows it: the dashboard's API and live updates, {@code trades --json}/{@code --csv},
 * a backtest's {@code trades.json}/{@code trades.csv} and the Telegram trade messages all read these values, under
 * these keys (the table in docs/trades.md). Money, prices, shares and ratios are the exact decimal strings of the
 * domain's one format ({@code "4.6575"}, {@code "0.515"}); an absent value is null, never {@code "0.00"} (0.00 is a
 * real price). Times are ISO-8601 UTC with a KST twin ({@code ...Kst}, {@code +09:00}).
 *
 * @param market  the market series ({@code eth-15m}), read from the slug; null for a slug of another shape
 * @param side    {@code BUY_UP}, {@code BUY_DOWN} or {@code ARB}
 * @param cost    amount + fee: what opening the trade took from the balance
 * @param status  {@code open}, {@code settled} or {@code reversed}
 * @param outcome {@code UP} or {@code DOWN} once settled, else null
 */
public record TradeView(
        long id,
        String marketId,
        String market,
        String slug,
        String side,
        String tokenId,
        String price,
        String altTokenId,
        String altPrice,
        String shares,
        String altShares,
        String amount,
        String fee,
        String cost,
        String status,
        String outcome,
        String payout,
        String pnl,
        List<String> sources,
        String confidence,
        String externalId,
        String windowEnd,
        String windowEndKst,
        String openedAt,
        String openedAtKst,
        String settledAt,
        String settledAtKst) {

    /** Every key, in the order every output lists them. */
    public static final List<String> KEYS = List.of("id", "marketId", "market", "slug", "side", "tokenId", "price",
            "altTokenId", "altPrice", "shares", "altShares", "amount", "fee", "cost", "status", "outcome", "payout",
            "pnl", "sources", "confidence", "externalId", "windowEnd", "windowEndKst", "openedAt", "openedAtKst",
            "settledAt", "settledAtKst");

    private static final DateTimeFormatter KST = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public TradeView {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static TradeView of(Trade t) {
        return new TradeView(t.id(), t.marketId(), t.marketKey() == null ? null : t.marketKey().toString(), t.slug(),
                t.side().name(), t.tokenId(), t.price().format(),
                t.altTokenId(), t.altPrice() == null ? null : t.altPrice().format(),
                t.shares().format(), t.altShares() == null ? null : t.altShares().format(),
                t.amount().format(), t.fee().format(), t.totalCost().format(),
                t.status().name().toLowerCase(Locale.ROOT), t.outcome() == null ? null : t.outcome().name(),
                t.payout() == null ? null : t.payout().format(), t.pnl() == null ? null : t.pnl().format(),
                t.sources(), t.confidence().format(), t.externalId(),
                utc(t.windowEnd()), kst(t.windowEnd()), utc(t.openedAt()), kst(t.openedAt()),
                utc(t.settledAt()), kst(t.settledAt()));
    }

    /** The view as key → value in {@link #KEYS} order (sources a list of strings), for any JSON writer. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("marketId", marketId);
        m.put("market", market);
        m.put("slug", slug);
        m.put("side", side);
        m.put("tokenId", tokenId);
        m.put("price", price);
        m.put("altTokenId", altTokenId);
        m.put("altPrice", altPrice);
        m.put("shares", shares);
        m.put("altShares", altShares);
        m.put("amount", amount);
        m.put("fee", fee);
        m.put("cost", cost);
        m.put("status", status);
        m.put("outcome", outcome);
        m.put("payout", payout);
        m.put("pnl", pnl);
        m.put("sources", sources);
        m.put("confidence", confidence);
        m.put("externalId", externalId);
        m.put("windowEnd", windowEnd);
        m.put("windowEndKst", windowEndKst);
        m.put("openedAt", openedAt);
        m.put("openedAtKst", openedAtKst);
        m.put("settledAt", settledAt);
        m.put("settledAtKst", settledAtKst);
        return Collections.unmodifiableMap(m);
    }

    private static String utc(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String kst(Instant t) {
        return t == null ? null : KST.format(t.atZone(Kst.ZONE));
    }
}
