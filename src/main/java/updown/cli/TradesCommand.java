package updown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.Vertx;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import updown.config.BotConfig;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.MarketPnl;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;
import updown.repository.SqliteRepository;
import updown.repository.StoredState;
import updown.repository.UnreadableDatabaseException;
import updown.report.TradeCsv;
import updown.report.TradeView;
import updown.app.ExitCodes;
import updown.app.ErrorLine;

/**
 * Prints the stored trades and the ledger's balance straight from the database, so anyone can recompute the money
 * from the database's own record. Reading never creates or migrates a database. By default the {@code run} ledger
 * (DB_PATH, else DATA_DIR/updown.db); {@code --simulate} the newest simulate run's, {@code --data-dir} any folder's.
 * {@code --json} and {@code --csv} show each trade in the one trade view (docs/trades.md).
 */
@Command(name = "trades", mixinStandardHelpOptions = true,
        description = "Print the stored trades and the ledger balance.")
public final class TradesCommand implements Callable<Integer> {
    /** How to print: a table unless one of these is given. */
    static final class Format {
        @Option(names = "--json", description = "print one JSON object instead of a table")
        boolean json;

        @Option(names = "--csv", description = "print the trades as CSV (the keys of docs/trades.md) instead of a table")
        boolean csv;
    }

    @ArgGroup(exclusive = true)
    Format format;

    /** Another ledger than the run's. */
    static final class Which {
        @Option(names = "--simulate", description = "the newest simulate run's ledger (under DATA_DIR/simulate/)")
        boolean simulate;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "the ledger in DIR/updown.db (e.g. a simulate run's folder)")
        Path dataDir;
    }

    @ArgGroup(exclusive = true)
    Which which;

    private final Invocation at;

    public TradesCommand() {
        this(Invocation.system());
    }

    TradesCommand(Invocation at) {
        this.at = at;
    }

    @Override
    public Integer call() throws Exception {
        Optional<BotConfig> config = ConfigOption.load(at.workDir(), at.env(), Map.of(), at.err());
        if (config.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        Path db;
        if (which != null && which.dataDir != null) {
            db = at.workDir().resolve(which.dataDir).resolve("updown.db");
        } else if (which != null && which.simulate) {
            Path runs = at.workDir().resolve(config.get().storage().dataDir()).resolve("simulate");
            Optional<Path> newest = RunFolders.newest(runs);
            if (newest.isEmpty()) {
                at.err().println("no simulate run under " + runs + " yet: run simulate first");
                return ExitCodes.FAILURE;
            }
            db = newest.get().resolve("updown.db");
        } else {
            db = at.workDir().resolve(config.get().storage().dbPath());
        }
        Vertx vertx = Vertx.vertx();
        try {
            StoredState state = SqliteRepository.openExisting(vertx, db)
                    .compose(repo -> repo.load().eventually(repo::close))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (format != null && format.json) {
                printJson(state);
            } else if (format != null && format.csv) {
                at.out().print(TradeCsv.of(state.trades()));
            } else {
                printTable(state);
            }
            return ExitCodes.OK;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoSuchFileException) {
                at.err().println("no database at " + db + " yet: run the bot (or simulate) first");
            } else if (cause instanceof UnreadableDatabaseException || cause instanceof IllegalStateException) {
                at.err().println(cause.getMessage());
            } else {
                at.err().println("cannot read " + db + ": " + ErrorLine.describe(cause));
            }
            return ExitCodes.FAILURE;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The ledger's balance: the sum of every entry. */
    static Usd ledgerBalance(StoredState s) {
        Usd sum = Usd.ZERO;
        for (LedgerEntry e : s.ledger()) {
            sum = sum.plus(e.amount());
        }
        return sum;
    }

    /** The same balance recomputed from the trades alone: deposits − Σ(amount + fee) + Σ payout. */
    static Usd recomputedBalance(StoredState s) {
        Usd sum = Usd.ZERO;
        for (LedgerEntry e : s.ledger()) {
            if (e.kind() == LedgerKind.INITIAL_DEPOSIT || e.kind() == LedgerKind.TOPUP) {
                sum = sum.plus(e.amount());
            }
        }
        for (Trade t : s.trades()) {
            sum = sum.minus(t.totalCost());
            if (t.status() == TradeStatus.SETTLED) {
                sum = sum.plus(t.payout());
            }
        }
        return sum;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /** One trade per line; the header uses the same widths. */
    private static final String ROW =
            "%5d  %-8s %-26s %-8s %8s %8s %11s %11s %10s %9s %-7s %-7s %10s %10s  %-30s %-20s %-20s";

    private void printTable(StoredState s) {
        String header = String.format(ROW.replace("%5d", "%5s"), "id", "market", "slug", "side", "price", "alt", "shares",
                "alt shares", "amount", "fee", "status", "outcome", "payout", "pnl", "sources", "opened (UTC)",
                "settled (UTC)");
        at.out().println(header);
        for (Trade t : s.trades()) {
            TradeView v = TradeView.of(t);
            at.out().println(String.format(ROW, v.id(), text(v.market()), v.slug(), v.side(), v.price(),
                    text(v.altPrice()), v.shares(), text(v.altShares()), v.amount(), v.fee(), v.status(),
                    text(v.outcome()), text(v.payout()), text(v.pnl()), String.join("+", v.sources()),
                    shortTime(t.openedAt()), shortTime(t.settledAt())));
        }
        at.out().println();
        for (MarketPnl m : MarketPnl.of(s.trades()).values()) {
            at.out().println(m.line());
        }
        at.out().println("trades: " + s.trades().size() + "  ledger entries: " + s.ledger().size());
        at.out().println("ledger balance: " + ledgerBalance(s).format()
                + "  (recomputed from deposits and trades: " + recomputedBalance(s).format() + ")");
    }

    private static String shortTime(java.time.Instant t) {
        return t == null ? "" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private void printJson(StoredState s) throws Exception {
        List<Map<String, Object>> trades = new ArrayList<>();
        for (Trade t : s.trades()) {
            trades.add(TradeView.of(t).fields());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("trades", trades);
        Map<String, Object> markets = new LinkedHashMap<>();
        for (MarketPnl m : MarketPnl.of(s.trades()).values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trades", m.trades());
            row.put("open", m.open());
            row.put("wins", m.wins());
            row.put("losses", m.losses());
            row.put("pnl", m.pnl().format());
            row.put("fees", m.fees().format());
            markets.put(m.market(), row);
        }
        root.put("markets", markets);
        root.put("ledger_entries", s.ledger().size());
        root.put("balance", ledgerBalance(s).format());
        root.put("recomputed_balance", recomputedBalance(s).format());
        root.put("trading_state", s.control() == null ? "RUNNING" : s.control().state().name());
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
        at.out().println(mapper.writeValueAsString(root));
    }
}
