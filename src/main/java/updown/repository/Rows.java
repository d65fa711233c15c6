package updown.repository;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.Direction;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.TradingState;
import updown.domain.Usd;

/**
 * Domain records ↔ SQL parameters and rows. Numbers are read with {@code getLong}: sqlite-jdbc hands back an
 * Integer or a Long depending on the magnitude, and a nullable column comes back as null, which is how an absent
 * alt price (null) stays distinct from a price of 0.
 */
final class Rows {
    private Rows() {
    }

    /** In the column order of {@link SqlStatements#INSERT_OPEN_TRADE}. */
    static Tuple tradeParams(Trade t) {
        return Tuple.from(Arrays.asList(
                t.marketId(), t.slug(), t.side().name(), t.tokenId(), t.price().micros(), t.altTokenId(),
                t.altPrice() == null ? null : t.altPrice().micros(), t.shares().micros(),
                t.altShares() == null ? null : t.altShares().micros(), t.amount().micros(), t.fee().micros(),
                t.status().name(), t.outcome() == null ? null : t.outcome().name(),
                t.payout() == null ? null : t.payout().micros(), t.pnl() == null ? null : t.pnl().micros(),
                new JsonArray(new ArrayList<>(t.sources())).encode(), t.confidence().micros(),
                EpochNanos.ofNullable(t.windowEnd()), EpochNanos.of(t.openedAt()),
                EpochNanos.ofNullable(t.settledAt()), t.externalId(),
                t.marketKey() == null ? null : t.marketKey().toString()));
    }

    /** In the parameter order of {@link SqlStatements#SETTLE_OPEN_TRADE}. */
    static Tuple settleParams(Trade settled) {
        return Tuple.of(settled.outcome().name(), settled.payout().micros(), settled.pnl().micros(),
                EpochNanos.of(settled.settledAt()), settled.id());
    }

    static Trade trade(Row r) {
        Long altPrice = r.getLong("alt_price_micros");
        Long altShares = r.getLong("alt_shares_micros");
        Long payout = r.getLong("payout_micros");
        Long pnl = r.getLong("pnl_micros");
        String outcome = r.getString("outcome");
        return new Trade(
                r.getLong("id"),
                r.getString("market_id"),
                r.getString("slug"),
                Direction.valueOf(r.getString("side")),
                r.getString("token_id"),
                Price.ofMicros(r.getLong("price_micros")),
                r.getString("alt_token_id"),
                altPrice == null ? null : Price.ofMicros(altPrice),
                Shares.ofMicros(r.getLong("shares_micros")),
                altShares == null ? null : Shares.ofMicros(altShares),
                Usd.ofMicros(r.getLong("amount_micros")),
                Usd.ofMicros(r.getLong("fee_micros")),
                TradeStatus.valueOf(r.getString("status")),
                outcome == null ? null : Resolution.valueOf(outcome),
                payout == null ? null : Usd.ofMicros(payout),
                pnl == null ? null : Usd.ofMicros(pnl),
                sources(r.getString("sources")),
                Ratio.ofMicros(r.getLong("confidence_micros")),
                EpochNanos.toInstantNullable(r.getLong("window_end_ns")),
                EpochNanos.toInstant(r.getLong("opened_at_ns")),
                EpochNanos.toInstantNullable(r.getLong("settled_at_ns")),
                r.getString("external_id"));
    }

    /** In the column order of {@link SqlStatements#APPEND_LEDGER_ENTRY}; trade id 0 is stored as NULL (no trade). */
    static Tuple entryParams(LedgerEntry e) {
        return Tuple.from(Arrays.asList(e.kind().name(), e.amount().micros(),
                e.tradeId() == 0 ? null : e.tradeId(), EpochNanos.of(e.at()), e.note()));
    }

    static LedgerEntry entry(Row r) {
        Long tradeId = r.getLong("trade_id");
        return new LedgerEntry(r.getLong("seq"), LedgerKind.valueOf(r.getString("kind")),
                Usd.ofMicros(r.getLong("amount_micros")), tradeId == null ? 0 : tradeId,
                EpochNanos.toInstant(r.getLong("at_ns")), r.getString("note"));
    }

    /** In the parameter order of {@link SqlStatements#SAVE_CONTROL_STATE}. */
    static Tuple controlParams(ControlState s) {
        return Tuple.of(s.state().name(), s.reason(), EpochNanos.ofNullable(s.since()));
    }

    static ControlState control(Row r) {
        return new ControlState(TradingState.valueOf(r.getString("state")), r.getString("reason"),
                EpochNanos.toInstantNullable(r.getLong("since_ns")));
    }

    /** In the column order of {@link SqlStatements#SAVE_DAILY_SNAPSHOT}. */
    static Tuple snapshotParams(DailySnapshot s) {
        return Tuple.from(Arrays.asList(dayKey(s.day()), s.balance().micros(), s.equity().micros(),
                s.pnl().micros(), s.fees().micros(), s.trades(), s.wins(), s.losses(),
                EpochNanos.ofNullable(s.at())));
    }

    static DailySnapshot snapshot(Row r) {
        return new DailySnapshot(LocalDate.parse(r.getString("day")), Usd.ofMicros(r.getLong("balance_micros")),
                Usd.ofMicros(r.getLong("equity_micros")), Usd.ofMicros(r.getLong("pnl_micros")),
                Usd.ofMicros(r.getLong("fees_micros")), r.getInteger("trades"), r.getInteger("wins"),
                r.getInteger("losses"), EpochNanos.toInstantNullable(r.getLong("at_ns")));
    }

    /** A KST day as stored: ISO yyyy-MM-dd, which sorts as the date does. */
    static String dayKey(LocalDate day) {
        return day.toString();
    }

    private static List<String> sources(String json) {
        JsonArray array = new JsonArray(json);
        List<String> names = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            names.add(array.getString(i));
        }
        return names;
    }
}
