package updown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import updown.backtest.DataSet;
import updown.backtest.SettingsBase;
import updown.backtest.Sweep;
import updown.klines.KlineReport;
import updown.time.BotClock;
import updown.app.ExitCodes;

/**
 * Backtests a grid (or a seeded random sample of it) of settings in parallel with walk-forward validation, and
 * writes the results table (best out-of-sample P&amp;L first) and the folds as CSV.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Backtest a grid of settings in parallel, with walk-forward (in-sample choice, "
                + "out-of-sample result).")
public final class SweepCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BacktestCommand.Data data;

    @Option(names = "--grid", paramLabel = "NAME=v1,v2,...", required = true,
            description = "a setting and the values to try, repeatable (the grid is every combination)")
    List<String> grid = new ArrayList<>();

    @Option(names = "--random", paramLabel = "N", description = "try N combinations of the grid drawn at random")
    Integer random;

    @Option(names = "--seed", description = "seed of --random (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--folds", paramLabel = "K",
            description = "walk-forward folds: the span is cut into K+1 segments (default: ${DEFAULT-VALUE})")
    int folds = 2;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeArg.class, description = "start of the span")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeArg.class, description = "end of the span")
    Instant to;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a setting every variant shares, repeatable")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--book-seed", description = "with --klines: seed of the synthesized books (default: "
            + "${DEFAULT-VALUE})")
    long bookSeed = 1;

    @Option(names = "--threads", description = "parallel runs (default: the number of cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--parallelism", description = "VERTX_PER_THREAD (default) or VERTX_PER_RUN")
    Sweep.Parallelism parallelism = Sweep.Parallelism.VERTX_PER_THREAD;

    @Option(names = "--resume-daily", description = "resume a tripped circuit breaker at each KST midnight")
    boolean resumeDaily;

    @Option(names = "--out", paramLabel = "DIR", description = "where the CSVs go (default: DATA_DIR/sweep/<UTC time>/)")
    Path out;

    @Option(names = "--json", description = "also print the summary as one JSON object on the last line")
    boolean json;

    /** Whether someone watches a terminal: only then is the progress bar drawn (tests set it). */
    boolean interactive = System.console() != null;

    private final Invocation at;

    public SweepCommand() {
        this(Invocation.system());
    }

    SweepCommand(Invocation at) {
        this.at = at;
    }

    @Override
    public Integer call() throws Exception {
        // hundreds of runs: their WARN lines (breaker trips, ...) would bury the progress bar; they are in the numbers
        CommandLogging.quiet(ch.qos.logback.classic.Level.ERROR);
        List<Sweep.Axis> axes = new ArrayList<>();
        try {
            for (String g : grid) {
                axes.add(Sweep.Axis.parse(g));
            }
        } catch (IllegalArgumentException e) {
            at.err().println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        java.util.Optional<SettingsBase> loaded = ConfigOption.loadBase(at);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        SettingsBase base = loaded.get();
        List<String> names = new ArrayList<>(settings.keySet());
        axes.forEach(a -> names.add(a.name()));
        List<String> unknown = base.unknown(names);
        if (!unknown.isEmpty()) {
            unknown.forEach(u -> at.err().println(u));
            return ExitCodes.CONFIG;
        }
        if (folds < 1 || threads < 1 || (random != null && random < 1)) {
            at.err().println("--folds, --threads and --random must be >= 1");
            return ExitCodes.CONFIG;
        }
        List<Map<String, String>> variants = random == null ? Sweep.grid(axes) : Sweep.random(axes, random, seed);
        DataSet dataSet;
        try {
            dataSet = data.tape != null ? DataSet.Tape.of(at.workDir().resolve(data.tape))
                    : DataSet.klines(at.workDir(), data.klines, bookSeed);
        } catch (IllegalArgumentException | java.io.IOException e) {
            at.err().println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        KlineReport klines = dataSet instanceof DataSet.Klines k ? k.report() : null;
        if (klines != null) {
            at.err().println(klines.describe());
        }
        int runs = variants.size() * (folds + 1);
        at.err().printf(Locale.ROOT, "Sweeping %d variant(s) × %d segment(s) = %d backtests on %d thread(s) over %s%n",
                variants.size(), folds + 1, runs, threads, dataSet.describe());
        // a progress bar redrawn in place, on a terminal only: none with --json (a script reads the output) or into a
        // file or pipe (a log would collect every redraw)
        ProgressBar bar = new ProgressBar(json || !interactive ? null : at.err(), BotClock.system());
        Sweep.Result result;
        try {
            result = Sweep.run(base, settings, variants, dataSet, from, to, folds, threads, parallelism, resumeDaily,
                    bar::update);
        } catch (IllegalArgumentException e) {
            bar.finish();
            at.err().println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        bar.finish();
        result.skipped().forEach(s -> at.err().println("skipped " + s));
        Path dir = out != null ? Files.createDirectories(at.workDir().resolve(out)) : RunFolders.create(
                at.workDir().resolve(base.config(settings).storage().dataDir()).resolve("sweep"),
                BotClock.system().instant());
        Files.writeString(dir.resolve("results.csv"), Sweep.csv(result));
        Files.writeString(dir.resolve("folds.csv"), Sweep.foldsCsv(result));
        Files.writeString(dir.resolve("by-market.csv"), Sweep.byMarketCsv(result));
        print(result, dir);
        if (json) {
            Map<String, Object> m = json(result, dir);
            if (klines != null) {
                m.put("klines", klines.toJson());
            }
            at.out().println(new ObjectMapper().writeValueAsString(m));
        }
        at.out().flush();
        return ExitCodes.OK;
    }

    private void print(Sweep.Result r, Path dir) {
        at.out().printf(Locale.ROOT, "%d backtests in %.1f s: %,d events, %.2f M/s (%.1f s CPU in the replays)%n",
                r.runs(), r.wallNanos() / 1e9, r.events(), r.eventsPerSecond() / 1e6, r.cpuNanos() / 1e9);
        at.out().println("rank variant  in-sample P&L  out-of-sample P&L  trades  win rate  chosen  settings");
        int rank = 1;
        for (Sweep.Row row : r.rows()) {
            if (rank > 15) {
                at.out().println("  … " + (r.rows().size() - 15) + " more in results.csv");
                break;
            }
            at.out().printf(Locale.ROOT, "%4d %7d %14s %18s %7d %8.1f%% %7d  %s%n", rank++, row.variant(),
                    row.inSamplePnl().format(), row.outOfSamplePnl().format(), row.outOfSampleTrades(),
                    row.outOfSampleWinRate() * 100, row.chosenInFolds(), row.settings());
        }
        for (Sweep.FoldResult f : r.folds()) {
            at.out().printf(Locale.ROOT, "fold %d: chose variant %d on %s..%s (in-sample %s), out-of-sample %s..%s: %s"
                    + " (best in hindsight: variant %d, %s)%n", f.fold().index(), f.chosen(), f.fold().isFrom(),
                    f.fold().isTo(), f.chosenInSamplePnl().format(), f.fold().oosFrom(), f.fold().oosTo(),
                    f.chosenOutOfSamplePnl().format(), f.bestInHindsight(), f.bestOutOfSamplePnl().format());
        }
        at.out().println("walk-forward out-of-sample P&L (choosing in-sample each fold): " + r.walkForwardPnl().format());
        at.out().println("Results in " + dir.resolve("results.csv") + " and " + dir.resolve("folds.csv"));
    }

    private static Map<String, Object> json(Sweep.Result r, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variants", r.rows().size());
        m.put("skipped", r.skipped().size());
        m.put("runs", r.runs());
        m.put("wall_seconds", r.wallNanos() / 1e9);
        m.put("events", r.events());
        m.put("events_per_second", Math.round(r.eventsPerSecond()));
        m.put("walk_forward_pnl", r.walkForwardPnl().format());
        if (!r.rows().isEmpty()) {
            Sweep.Row best = r.rows().get(0);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("variant", best.variant());
            b.put("settings", best.settings());
            b.put("in_sample_pnl", best.inSamplePnl().format());
            b.put("out_of_sample_pnl", best.outOfSamplePnl().format());
            m.put("best_out_of_sample", b);
        }
        m.put("results_csv", dir.resolve("results.csv").toString());
        m.put("folds_csv", dir.resolve("folds.csv").toString());
        return m;
    }

    /** A one-line progress bar on at.err(), redrawn in place; draws nothing when given no stream. */
    static final class ProgressBar {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private final BotClock clock;
        private final Instant started;
        private boolean drawn;

        ProgressBar(PrintStream err, BotClock clock) {
            this.err = err;
            this.clock = clock;
            this.started = clock.instant();
        }

        synchronized void update(int done, int total) {
            if (err == null) {
                return;
            }
            long elapsed = java.time.Duration.between(started, clock.instant()).toSeconds();
            long left = done == 0 ? 0 : elapsed * (total - done) / done;
            int filled = total == 0 ? WIDTH : WIDTH * done / total;
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d backtests, %ds elapsed, ~%ds left ", "#".repeat(filled),
                    ".".repeat(WIDTH - filled), done, total, elapsed, left);
            err.flush();
            drawn = true;
        }

        synchronized void finish() {
            if (drawn) {
                err.println();
            }
        }
    }
}
