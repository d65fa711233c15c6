package updown.backtest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import updown.domain.LedgerEntry;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.repository.StoredState;

/**
 * The one byte-exact text of a ledger, whose SHA-256 identifies a backtest's result: the same tape and settings must
 * give the same bytes.
 *
 * <pre>
 * updown-ledger 1
 * E seq kind amount_micros trade_id at note                         (every entry, by seq)
 * T id market_id slug side token_id price_micros alt_token_id alt_price_micros shares_micros alt_shares_micros
 *   amount_micros fee_micros status outcome payout_micros pnl_micros sources confidence_micros window_end
 *   opened_at settled_at external_id                                (every trade, by id)
 * </pre>
 * One record per line ({@code \n}), fields separated by one TAB. Amounts are integer micro-units; instants are ISO-8601
 * UTC as {@link Instant#toString()} writes them; enums by name; sources joined with {@code +}; null is {@code \N};
 * in text a backslash, TAB, CR and LF are escaped as {@code \\ \t \r \n}.
 */
public final class CanonicalLedger {
    public static final String HEADER = "updown-ledger 1";
    private static final String NULL = "\\N";

    private CanonicalLedger() {
    }

    public static String text(StoredState state) {
        StringBuilder sb = new StringBuilder(256 + 200 * (state.ledger().size() + state.trades().size()));
        sb.append(HEADER).append('\n');
        List<LedgerEntry> entries = new ArrayList<>(state.ledger());
        entries.sort(Comparator.comparingLong(LedgerEntry::seq));
        for (LedgerEntry e : entries) {
            line(sb, "E", Long.toString(e.seq()), e.kind().name(), Long.toString(e.amount().micros()),
                    Long.toString(e.tradeId()), instant(e.at()), text(e.note()));
        }
        List<Trade> trades = new ArrayList<>(state.trades());
        trades.sort(Comparator.comparingLong(Trade::id));
        for (Trade t : trades) {
            line(sb, "T", Long.toString(t.id()), text(t.marketId()), text(t.slug()), t.side().name(),
                    text(t.tokenId()), price(t.price()), text(t.altTokenId()), price(t.altPrice()), shares(t.shares()),
                    shares(t.altShares()), usd(t.amount()), usd(t.fee()), t.status().name(),
                    t.outcome() == null ? NULL : t.outcome().name(), usd(t.payout()), usd(t.pnl()),
                    text(String.join("+", t.sources())), ratio(t.confidence()), instant(t.windowEnd()),
                    instant(t.openedAt()), instant(t.settledAt()), text(t.externalId()));
        }
        return sb.toString();
    }

    /** SHA-256 of the canonical text's UTF-8 bytes, lower-case hex. */
    public static String sha256(String canonicalText) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonicalText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void line(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(fields[i]);
        }
        sb.append('\n');
    }

    private static String usd(Usd v) {
        return v == null ? NULL : Long.toString(v.micros());
    }

    private static String price(Price v) {
        return v == null ? NULL : Long.toString(v.micros());
    }

    private static String shares(Shares v) {
        return v == null ? NULL : Long.toString(v.micros());
    }

    private static String ratio(Ratio v) {
        return v == null ? NULL : Long.toString(v.micros());
    }

    private static String instant(Instant t) {
        return t == null ? NULL : t.toString();
    }

    static String text(String s) {
        if (s == null) {
            return NULL;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
