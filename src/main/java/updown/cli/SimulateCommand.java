package updown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.domain.MarketKey;
import updown.klines.KlineFile;
import updown.klines.KlineFileException;
import updown.klines.KlineReport;
import updown.metrics.MetricsSetup;
import updown.synthetic.fault.FaultPlan;
import updown.sim.exchange.SimExchange;
import updown.synthetic.SimOptions;
import updown.sim.run.Simulation;
import updown.sim.run.SimulationReport;
import updown.time.BotClock;
import updown.time.ScaledClock;
import updown.app.BotRunner;
import updown.app.StopSignal;
import updown.app.ExitCodes;
import updown.app.ErrorLine;

/**
 * The whole bot against a simulated exchange on 127.0.0.1: no network, no .env needed, no Telegram. Simulated money
 * never mixes with the {@code run} ledger: each run keeps its ledger, tape, health file and logs in a new folder
 * {@code DATA_DIR/simulate/<UTC start time>/} (or in {@code --data-dir}), which {@code trades --simulate} shows.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the whole bot offline against a simulated exchange on 127.0.0.1.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--windows", description = "5-minute windows to run, >= 1 (default: ${DEFAULT-VALUE})")
    int windows = 12;

    @Option(names = "--speed", description = "simulated seconds per real second, > 0 and at most 600 "
            + "(default: ${DEFAULT-VALUE})")
    double speed = 60;

    @Option(names = "--seed", description = "seed of the price path, books and faults (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--klines", paramLabel = "FILE",
            description = "replay a 1-minute kline file instead of GBM (time,open,high,low,close[,volume], header "
                    + "optional, or Binance's 12-column files; see docs/backtest.md)")
    Path klines;

    @Option(names = "--faults", split = ",", paramLabel = "LIST",
            description = "faults to inject: ws-drop, ws-freeze, http-429, http-5xx, malformed, late-resolution "
                    + "(also kind@window[:venue]); default: SIM_FAULTS")
    List<String> faults;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "keep the ledger, tape, health file and logs in DIR; a DIR used before continues its ledger "
                    + "as a restart would (default: a new DATA_DIR/simulate/<UTC time>/ per run)")
    Path dataDir;

    @Option(names = "--cluster", description = "join the fleet's cluster (= CLUSTER_ENABLED=true; CLUSTER_MEMBERS, "
            + "CLUSTER_HOST, CLUSTER_PORT): each simulate node trades its own MARKETS on its own exchange")
    boolean cluster;

    @Option(names = "--json", description = "also print the summary as one JSON object on the last line")
    boolean json;

    @Option(names = "--exchange-only",
            description = "start only the simulated exchange, at 1x on the wall clock, print the settings that point "
                    + "the bot at it (KEY=URL lines) and serve until stopped; the bot then runs as `run` in another "
                    + "process with those settings (e.g. to measure the bot's own footprint)")
    boolean exchangeOnly;

    @Spec
    CommandSpec spec;

    private final Invocation at;
    private final Supplier<StopSignal> stopSignal;
    /** DATA_DIR and DB_PATH of this run's own folder: never the run ledger. */
    private Map<String, String> storage = Map.of();
    /** BOOK_STALE_MS / PRICE_STALE_MS raised for the speed (see {@link Simulation#stalenessFor}). */
    private Map<String, String> staleness = Map.of();

    public SimulateCommand() {
        this(Invocation.system());
    }

    SimulateCommand(Invocation at) {
        this(at, StopSignal::onTermOrInt);
    }

    /** With the stop signal a test trips instead of SIGTERM/SIGINT. */
    SimulateCommand(Invocation at, Supplier<StopSignal> stopSignal) {
        this.at = at;
        this.stopSignal = stopSignal;
    }

    @Override
    public Integer call() throws Exception {
        // before the first logger exists: keep stdout for trade lines and the summary
        System.setProperty("updown.console.target", "System.err");
        System.setProperty("updown.console.level", "WARN");
        // every option is checked before anything starts or is written, and the message names it
        if (!(speed > 0) || speed > Simulation.MAX_SPEED) {
            at.err().println("--speed " + number(speed) + ": must be > 0 and at most " + number(Simulation.MAX_SPEED)
                    + " (simulated seconds per real second)");
            return ExitCodes.CONFIG;
        }
        if (windows < 1) {
            at.err().println("--windows " + windows + ": must be at least 1");
            return ExitCodes.CONFIG;
        }
        if (exchangeOnly && speed != 1 && speedGiven()) {
            at.err().println("--speed " + number(speed) + ": --exchange-only runs at 1x (the bot's `run` reads the "
                    + "wall clock)");
            return ExitCodes.CONFIG;
        }
        KlineReport klineReport = null;
        if (klines != null) {
            if (!Files.isReadable(klines)) {
                at.err().println("--klines " + klines + ": not a readable file");
                return ExitCodes.CONFIG;
            }
            try {
                // checked here so a bad file is one usage-error line; the exchange reads it again when it starts
                klineReport = KlineFile.read(klines).report();
            } catch (KlineFileException e) {
                at.err().println(e.getMessage());
                return ExitCodes.CONFIG;
            }
            at.err().println(klineReport.describe());
        }
        Optional<BotConfig> settings = ConfigOption.load(at.workDir(), at.env(), Simulation.simulateDefaults(),
                at.err());
        if (settings.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(faults != null ? faults : settings.get().sim().faults(), seed);
        } catch (IllegalArgumentException e) {
            at.err().println("--faults: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (exchangeOnly) {
            return serveExchange(settings.get(), plan);
        }
        // never the run's DATA_DIR itself (its ledger, tape and health file): a folder of this run's own under it
        Path folder = dataDir != null ? at.workDir().resolve(dataDir)
                : RunFolders.create(at.workDir().resolve(settings.get().storage().dataDir()).resolve("simulate"),
                        Instant.now());
        storage = Map.of("DATA_DIR", folder.toString(), "DB_PATH", "");
        Map<String, String> overrides = new LinkedHashMap<>(Simulation.simulateDefaults());
        overrides.putAll(storage);
        overrides.putAll(clusterFlag());
        ConfigLoader.Result loaded = ConfigLoader.load(at.workDir(), at.env(), overrides);
        if (!loaded.ok()) {
            at.err().println("--data-dir " + folder + ": " + String.join("; ", loaded.errors()));
            return ExitCodes.CONFIG;
        }
        BotConfig base = loaded.config();
        staleness = Simulation.stalenessFor(speed, base);
        if (!staleness.isEmpty()) {
            at.err().println("at " + number(speed) + "x, raised " + staleness + " (simulated ms) so a feed is not "
                    + "stale after a hiccup of a few real ms");
        }
        BotRunner.prepareLogging(base);
        StopSignal stop = stopSignal.get();
        SimOptions options = SimOptions.defaults().withSeed(seed).withFaults(plan).withSessionWindows(windows)
                .withMarkets(base.market().markets());
        if (klines != null) {
            options = options.withKlines(klines);
        }
        // time stands still while the exchange and the bot start, so a slow start costs no window
        ScaledClock clock = ScaledClock.held(Instant.now(), speed);
        Vertx vertx = MetricsSetup.vertx(base.metrics());
        Simulation sim;
        try {
            sim = Simulation.start(vertx, clock, options, this::configWith, line -> {
                synchronized (at.out()) {
                    at.out().println(line);
                }
            }).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            at.err().println("simulate could not start: " + cause.getMessage());
            BotRunner.closeQuietly(vertx);
            return ExitCodes.FAILURE;
        }
        synchronized (at.out()) {
            at.out().println("Simulating " + windows + " window(s) at " + number(speed) + "x with seed " + seed
                    + (plan.isEmpty() ? "" : ", faults " + plan) + "; ledger " + (sim.config().storage().usesPostgres()
                    ? "PostgreSQL (DB_URL)" : sim.config().storage().dbPath()));
            at.out().println("dashboard: " + dashboard(sim));
        }
        clock.release();
        // ends after N windows, or earlier on Ctrl-C / SIGTERM (also one that came while starting): summary either way
        sim.untilWindows(windows).onComplete(ar -> stop.request());
        stop.await();
        int done = sim.resolvedAmongFirst(windows);
        SimulationReport.Summary summary = sim.stop(done).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        BotRunner.closeQuietly(vertx);
        synchronized (at.out()) {
            at.out().println();
            at.out().println("Summary");
            at.out().println("  data folder       " + folder);
            if (done < windows) {
                at.out().println("  stopped           after " + done + " of " + windows + " window(s)");
            }
            summary.lines().forEach(l -> at.out().println("  " + l));
            if (json) {
                Map<String, Object> fields = new LinkedHashMap<>(summary.toJson());
                fields.put("windows_requested", windows);
                fields.put("data_dir", folder.toString());
                if (klineReport != null) {
                    fields.put("klines", klineReport.toJson());
                }
                at.out().println(new ObjectMapper().writeValueAsString(fields));
            }
            at.out().flush();
        }
        if (!summary.addsUp()) {
            at.err().println("simulate: THE SUMMARY DOES NOT ADD UP: the ledger holds "
                    + summary.finalBalance().format() + " but its trades give " + summary.partsSum().format());
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /** CLUSTER_ENABLED=true with --cluster; nothing without it (the setting may still be on in .env). */
    private Map<String, String> clusterFlag() {
        return cluster ? Map.of("CLUSTER_ENABLED", "true") : Map.of();
    }

    /** Whether --speed was on the command line (its default, 60, does not apply to --exchange-only). */
    private boolean speedGiven() {
        return spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--speed");
    }

    /**
     * --exchange-only: the exchange alone on the wall clock (a bot in another process reads the same time), its
     * settings on stdout, until SIGTERM / Ctrl-C. Writes no files: the exchange keeps nothing on disk.
     */
    private int serveExchange(BotConfig settings, FaultPlan plan) throws InterruptedException {
        StopSignal stop = stopSignal.get();
        SimOptions options = SimOptions.defaults().withSeed(seed).withFaults(plan).withSessionWindows(windows)
                .withMarkets(settings.market().markets());
        if (klines != null) {
            options = options.withKlines(klines);
        }
        Vertx vertx = Vertx.vertx();
        SimExchange exchange;
        try {
            exchange = SimExchange.start(vertx, BotClock.system(), options).toCompletionStage().toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            at.err().println("simulate --exchange-only could not start: " + cause.getMessage());
            BotRunner.closeQuietly(vertx);
            return ExitCodes.FAILURE;
        }
        synchronized (at.out()) {
            at.out().println("# simulated exchange for " + settings.market().markets().stream()
                    .map(MarketKey::toString).collect(Collectors.joining(",")) + ", " + windows
                    + " window(s) with seed " + seed + (plan.isEmpty() ? "" : ", faults " + plan)
                    + "; run the bot with these settings; Ctrl-C stops it");
            exchange.settings().forEach((k, v) -> at.out().println(k + "=" + v));
            at.out().flush();
        }
        stop.await();
        try {
            exchange.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            at.err().println("simulate --exchange-only: stopping the exchange: " + ErrorLine.describe(e));
        }
        BotRunner.closeQuietly(vertx);
        return ExitCodes.OK;
    }

    /** 600 for 600.0; other numbers as Java prints them. */
    static String number(double d) {
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                : Double.toString(d);
    }

    /** Where the running bot's dashboard answers, or why there is none. */
    private static String dashboard(Simulation sim) {
        int port = sim.running().bot().dashboardPort();
        if (port < 0) {
            return "off (DASHBOARD_ENABLED=false)";
        }
        String host = sim.config().dashboard().host();
        if (host.isEmpty() || "0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port + "/";
    }

    /** The bot's settings: the user's (.env, environment) with the exchange's URLs and the simulate defaults. */
    private BotConfig configWith(Map<String, String> exchangeSettings) {
        Map<String, String> overrides = new LinkedHashMap<>(Simulation.simulateDefaults());
        overrides.putAll(storage);
        overrides.putAll(clusterFlag());
        overrides.putAll(staleness);
        overrides.putAll(exchangeSettings);
        ConfigLoader.Result r = ConfigLoader.load(at.workDir(), at.env(), overrides);
        if (!r.ok()) {
            throw new IllegalArgumentException(String.join("; ", new ArrayList<>(r.errors())));
        }
        return r.config();
    }
}
