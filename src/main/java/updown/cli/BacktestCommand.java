package updown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import updown.backtest.Backtest;
import updown.backtest.BacktestReport;
import updown.backtest.BacktestRun;
import updown.backtest.DataSet;
import updown.backtest.ReportFiles;
import updown.backtest.SettingsBase;
import updown.chart.EquityChart;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.klines.KlineReport;
import updown.time.BotClock;
import updown.app.BotRunner;
import updown.app.ExitCodes;
import updown.app.ErrorLine;

/**
 * Replays a recorded tape, or a 1-minute kline CSV with markets and books synthesized by the SimExchange model,
 * through the bot's own trader, engine and portfolio on a virtual clock. Prints a one-screen summary and the ledger's
 * SHA-256; writes the report under --out (default: a new DATA_DIR/backtest/&lt;UTC time&gt;/). Nothing else is
 * written: no ledger database, no tape, no health file.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replay a recorded tape (or a kline CSV with simulated markets) through the trading code.")
public final class BacktestCommand implements Callable<Integer> {

    /** Exactly one kind of data. */
    static final class Data {
        @Option(names = "--tape", paramLabel = "DIR", required = true,
                description = "a tape directory (the recorder writes DATA_DIR/tape)")
        Path tape;

        @Option(names = "--klines", paramLabel = "FILE", required = true,
                description = "a 1-minute kline file (time,open,high,low,close[,volume], header optional, or "
                        + "Binance's 12-column files; times as UTC date-times, ISO-8601 or epoch s/ms/us), markets and "
                        + "books synthesized by the simulated exchange's model; several assets: one ASSET=FILE each "
                        + "(--klines BTC=btc.csv --klines ETH=eth.csv)")
        List<String> klines;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Data data;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeArg.class,
            description = "first tick that may trade (UTC; default: the start, after a warm-up for klines)")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeArg.class,
            description = "no trade from this tick on; open trades are then settled (default: the end)")
    Instant to;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "override a setting (any name of .env.example), repeatable")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--seed", description = "with --klines: seed of the synthesized books (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--resume-daily", description = "resume a tripped circuit breaker at each KST midnight (as an "
            + "operator's daily /resume); without it a trip halts the rest of the run, as in the bot")
    boolean resumeDaily;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the report goes (default: DATA_DIR/backtest/<UTC time>/)")
    Path out;

    @Option(names = "--json", description = "also print the summary as one JSON object on the last line")
    boolean json;

    private final Invocation at;
    /** Least wall time between progress redraws, and before the first (tests shorten it). */
    java.time.Duration progressEvery = java.time.Duration.ofSeconds(1);
    /** Whether someone watches a terminal: only then is a progress line drawn (tests set it). */
    boolean interactive = System.console() != null;

    public BacktestCommand() {
        this(Invocation.system());
    }

    BacktestCommand(Invocation at) {
        this.at = at;
    }

    @Override
    public Integer call() throws Exception {
        CommandLogging.quiet();
        // what needs nothing of the settings runs while they load (the start-up is otherwise one thread, with a second
        // core idle): reading the data file, starting Vert.x, and a throwaway chart, so that the report's equity.png
        // does not wait at the end for Java2D, its fonts and the PNG encoder to load and warm up
        Ahead<DataSet> reading = Ahead.start("backtest-data", () -> data.tape != null
                ? DataSet.Tape.of(at.workDir().resolve(data.tape))
                : DataSet.klines(at.workDir(), data.klines, seed));
        Ahead<Vertx> starting = Ahead.start("backtest-vertx", Backtest::newVertx);
        Ahead.start("chart-warm-up", () -> {
            EquityChart.warmUp();
            return null;
        });
        try {
            return call(reading, starting);
        } finally {
            BotRunner.closeQuietly(starting.get()); // the one close: after the run, or when the command stopped before it
        }
    }

    private Integer call(Ahead<DataSet> reading, Ahead<Vertx> starting) throws Exception {
        java.util.Optional<SettingsBase> loaded = ConfigOption.loadBase(at);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        SettingsBase base = loaded.get();
        List<String> unknown = base.unknown(settings.keySet());
        if (!unknown.isEmpty()) {
            unknown.forEach(u -> at.err().println("--set: " + u));
            return ExitCodes.CONFIG;
        }
        ConfigLoader.Result result = base.with(settings);
        if (!result.ok()) {
            ConfigOption.printErrors(result.errors(), at.err());
            return ExitCodes.CONFIG;
        }
        BotConfig config = result.config();
        DataSet dataSet;
        try {
            dataSet = reading.get();
        } catch (IllegalArgumentException | java.io.IOException e) {
            at.err().println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        Backtest.Options options;
        try {
            options = Backtest.Options.window(config, from != null ? from : dataSet.defaultFrom(config),
                    to != null ? to : dataSet.defaultTo(config), resumeDaily);
        } catch (IllegalArgumentException e) {
            at.err().println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        at.err().println("Replaying " + dataSet.describe());
        KlineReport klines = dataSet instanceof DataSet.Klines k ? k.report() : null;
        if (klines != null) {
            at.err().println(klines.describe());
        }
        Vertx vertx = starting.get();
        BacktestRun run;
        // a progress line on stderr for long runs on a terminal; none with --json (a script reads the output)
        ReplayProgressLine progress = json || !interactive ? null : new ReplayProgressLine(at.err(), BotClock.system(),
                replayStart(dataSet, options), replayEnd(dataSet, options), progressEvery);
        try {
            run = Backtest.run(vertx, config, dataSet.decider(config), dataSet.open(config, options), options,
                            progress == null ? Backtest.Progress.NONE : progress)
                    .toCompletionStage()
                    .toCompletableFuture().get(7, TimeUnit.DAYS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (progress != null) {
                progress.finish();
            }
            at.err().println("backtest failed: " + ErrorLine.describe(e.getCause()));
            return ExitCodes.FAILURE;
        }
        if (progress != null) {
            progress.finish();
        }
        BacktestReport.Summary summary = BacktestReport.of(run);
        // a folder of its own per run (two in the same second get .2, .3): a report never overwrites another
        Path dir = out != null ? at.workDir().resolve(out) : RunFolders.create(
                at.workDir().resolve(config.storage().dataDir()).resolve("backtest"), BotClock.system().instant());
        ReportFiles.write(run, summary, dir);
        ReportFiles.text(summary, dir).forEach(at.out()::println);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>(ReportFiles.json(summary));
            if (klines != null) {
                m.put("klines", klines.toJson());
            }
            at.out().println(new ObjectMapper().writeValueAsString(m));
        }
        at.out().flush();
        return ExitCodes.OK;
    }

    /** The first instant the replay reads (virtual time). */
    private static Instant replayStart(DataSet data, Backtest.Options options) {
        Instant w = options.warmupStart();
        return w.isAfter(data.start()) ? w : data.start();
    }

    /** The last instant it can reach: the end of the data, or --to plus the settle grace. */
    private static Instant replayEnd(DataSet data, Backtest.Options options) {
        if (options.to() == null) {
            return data.end();
        }
        Instant end = options.to().plus(options.settleGrace());
        return end.isBefore(data.end()) ? end : data.end();
    }
}
