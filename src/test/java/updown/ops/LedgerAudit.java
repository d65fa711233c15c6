package updown.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An independent reading of the ledger file: plain JDBC and its own SQL, not the project's repository, so a bug
 * there cannot hide here. Opens the file read-only (no checkpoint on close: what a killed process left behind is
 * left for the next process to recover) and checks the money rules every crash must keep.
 */
final class LedgerAudit {
    /** One row of {@code trades}, in micro-units. */
    record TradeRow(long id, String status, long amount, long fee, Long payout, Long pnl) {
    }

    /** One row of {@code ledger}. */
    record EntryRow(long seq, String kind, long amount, Long tradeId) {
    }

    private final String integrity;
    private final List<String> foreignKeyProblems;
    private final Map<Long, TradeRow> trades;
    private final List<EntryRow> ledger;

    private LedgerAudit(String integrity, List<String> fk, Map<Long, TradeRow> trades, List<EntryRow> ledger) {
        this.integrity = integrity;
        this.foreignKeyProblems = fk;
        this.trades = trades;
        this.ledger = ledger;
    }

    static LedgerAudit read(Path db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), props);
             Statement s = c.createStatement()) {
            String integrity;
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                integrity = rs.next() ? rs.getString(1) : "no answer";
            }
            List<String> fk = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    fk.add(rs.getString(1) + " row " + rs.getLong(2) + " -> " + rs.getString(3));
                }
            }
            return rows(s, integrity, fk);
        }
    }

    /**
     * The same reading of a PostgreSQL ledger (the fleet's): its own JDBC connection and SQL; the server keeps the
     * foreign keys and checks, so there is no file integrity to ask about.
     */
    static LedgerAudit readPostgres(String jdbcUrl, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            return rows(s, "ok", List.of());
        }
    }

    private static LedgerAudit rows(Statement s, String integrity, List<String> fk) throws SQLException {
        Map<Long, TradeRow> trades = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT id, status, amount_micros, fee_micros, payout_micros, "
                + "pnl_micros FROM trades ORDER BY id")) {
            while (rs.next()) {
                trades.put(rs.getLong(1), new TradeRow(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), nullableLong(rs, 5), nullableLong(rs, 6)));
            }
        }
        List<EntryRow> ledger = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT seq, kind, amount_micros, trade_id FROM ledger ORDER BY seq")) {
            while (rs.next()) {
                ledger.add(new EntryRow(rs.getLong(1), rs.getString(2), rs.getLong(3), nullableLong(rs, 4)));
            }
        }
        return new LedgerAudit(integrity, fk, trades, ledger);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    Map<Long, TradeRow> trades() {
        return trades;
    }

    List<EntryRow> ledger() {
        return ledger;
    }

    /** Σ of every ledger entry: the balance the ledger records. */
    long ledgerSum() {
        return ledger.stream().mapToLong(EntryRow::amount).sum();
    }

    /** The balance recomputed from deposits and trades alone: deposits − Σ(amount + fee) + Σ payout. */
    long recomputedBalance() {
        long deposits = ledger.stream().filter(e -> e.kind().equals("INITIAL_DEPOSIT") || e.kind().equals("TOPUP"))
                .mapToLong(EntryRow::amount).sum();
        long spent = trades.values().stream().mapToLong(t -> t.amount() + t.fee()).sum();
        long paid = trades.values().stream().filter(t -> t.status().equals("SETTLED"))
                .mapToLong(t -> t.payout() == null ? 0 : t.payout()).sum();
        return deposits - spent + paid;
    }

    /** The ledger's balance right after the settlement credit of {@code tradeId} (Σ of entries up to it). */
    Long balanceAfterCreditOf(long tradeId) {
        long sum = 0;
        for (EntryRow e : ledger) {
            sum += e.amount();
            if (e.kind().equals("SETTLEMENT_CREDIT") && e.tradeId() != null && e.tradeId() == tradeId) {
                return sum;
            }
        }
        return null;
    }

    /** Every broken rule, one line each; empty when the file is consistent. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!"ok".equals(integrity)) {
            p.add("integrity_check: " + integrity);
        }
        foreignKeyProblems.forEach(f -> p.add("foreign key: " + f));
        long deposits = ledger.stream().filter(e -> e.kind().equals("INITIAL_DEPOSIT")).count();
        if (!ledger.isEmpty() && deposits != 1) {
            p.add(deposits + " initial deposits");
        }
        Map<Long, List<EntryRow>> debits = new HashMap<>();
        Map<Long, List<EntryRow>> credits = new HashMap<>();
        for (EntryRow e : ledger) {
            switch (e.kind()) {
                case "TRADE_DEBIT" -> debits.computeIfAbsent(e.tradeId(), k -> new ArrayList<>()).add(e);
                case "SETTLEMENT_CREDIT" -> credits.computeIfAbsent(e.tradeId(), k -> new ArrayList<>()).add(e);
                case "INITIAL_DEPOSIT", "TOPUP" -> {
                    if (e.tradeId() != null) {
                        p.add("deposit " + e.seq() + " names trade " + e.tradeId());
                    }
                }
                default -> p.add("unknown ledger kind " + e.kind() + " at seq " + e.seq());
            }
            if ((e.kind().equals("TRADE_DEBIT") || e.kind().equals("SETTLEMENT_CREDIT"))
                    && (e.tradeId() == null || !trades.containsKey(e.tradeId()))) {
                p.add(e.kind() + " " + e.seq() + " for a trade that does not exist: " + e.tradeId());
            }
        }
        for (TradeRow t : trades.values()) {
            List<EntryRow> d = debits.getOrDefault(t.id(), List.of());
            List<EntryRow> c = credits.getOrDefault(t.id(), List.of());
            if (d.size() != 1) {
                p.add("trade " + t.id() + " has " + d.size() + " debits");
            } else if (d.get(0).amount() != -(t.amount() + t.fee())) {
                p.add("trade " + t.id() + " debit " + d.get(0).amount() + " != -(amount + fee) "
                        + -(t.amount() + t.fee()));
            }
            if (t.status().equals("SETTLED")) {
                if (c.size() != 1) {
                    p.add("settled trade " + t.id() + " has " + c.size() + " credits");
                } else if (t.payout() == null || c.get(0).amount() != t.payout()) {
                    p.add("trade " + t.id() + " credit " + c.get(0).amount() + " != payout " + t.payout());
                }
                if (t.payout() == null || t.pnl() == null || t.pnl() != t.payout() - t.amount() - t.fee()) {
                    p.add("trade " + t.id() + " pnl " + t.pnl() + " != payout − amount − fee");
                }
            } else if (!c.isEmpty()) {
                p.add("open trade " + t.id() + " has " + c.size() + " credits");
            }
        }
        if (ledgerSum() != recomputedBalance()) {
            p.add("ledger sum " + ledgerSum() + " != deposits − Σ(amount + fee) + Σ payout " + recomputedBalance());
        }
        return p;
    }
}
