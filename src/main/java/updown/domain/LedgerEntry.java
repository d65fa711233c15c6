package updown.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of balance. The balance is, by definition, the sum of all entries' amounts.
 *
 * @param seq     ledger sequence (0 before the repository assigned one)
 * @param amount  signed: debits negative, credits positive
 * @param tradeId the trade this entry belongs to, or 0 for deposits and top-ups
 */
public record LedgerEntry(long seq, LedgerKind kind, Usd amount, long tradeId, Instant at, String note) {
    public LedgerEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        note = note == null ? "" : note;
    }

    public static LedgerEntry of(LedgerKind kind, Usd amount, long tradeId, Instant at, String note) {
        return new LedgerEntry(0, kind, amount, tradeId, at, note);
    }

    public LedgerEntry withSeq(long newSeq) {
        return new LedgerEntry(newSeq, kind, amount, tradeId, at, note);
    }

    public LedgerEntry withTradeId(long newTradeId) {
        return new LedgerEntry(seq, kind, amount, newTradeId, at, note);
    }
}
