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
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.metrics.MetricsSetup;
import updown.sim.FaultPlan;
import updown.sim.SimOptions;
import updown.sim.Simulation;
import updown.sim.SimulationReport;
import updown.time.ScaledClock;

/**
 * The whole bot against a simulated exchange on 127.0.0.1: no network, no .env needed, no Telegram. Data goes to
 * DATA_DIR as with {@code run}, so {@code trades} shows afterwards what the simulation did.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the whole bot offline against a simulated exchange on 127.0.0.1.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--windows", description = "5-minute windows to run (default: ${DEFAULT-VALUE})")
    int windows = 12;

    @Option(names = "--speed", description = "simulated seconds per real second (default: ${DEFAULT-VALUE})")
    double speed = 60;

    @Option(names = "--seed", description = "seed of the price path, books and faults (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--klines", paramLabel = "FILE",
            description = "replay a 1-minute kline CSV (timestamp,open,high,low,close,volume) instead of GBM")
    Path klines;

    @Option(names = "--faults", split = ",", paramLabel = "LIST",
            description = "faults to inject: ws-drop, ws-freeze, http-429, http-5xx, malformed, late-resolution "
                    + "(also kind@window[:venue]); default: SIM_FAULTS")
    List<String> faults;

    @Option(names = "--json", description = "also print the summary as one JSON object on the last line")
    boolean json;

    private final Invocation at;
    /** BOOK_STALE_MS / PRICE_STALE_MS raised for the speed (see {@link Simulation#stalenessFor}). */
    private Map<String, String> staleness = Map.of();

    public SimulateCommand() {
        this(Invocation.system());
    }

    SimulateCommand(Invocation at) {
        this.at = at;
    }

    @Override
    public Integer call() throws Exception {
        // before the first logger exists: keep stdout for trade lines and the summary
        System.setProperty("updown.console.target", "System.err");
        System.setProperty("updown.console.level", "WARN");
        if (windows < 1 || !(speed > 0)) {
            at.err().println("--windows must be >= 1 and --speed > 0");
            return ExitCodes.CONFIG;
        }
        if (klines != null && !Files.isReadable(klines)) {
            at.err().println("--klines " + klines + ": not a readable file");
            return ExitCodes.CONFIG;
        }
        Optional<BotConfig> base = ConfigOption.load(at.workDir(), at.env(), Simulation.simulateDefaults(), at.err());
        if (base.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(faults != null ? faults : base.get().sim().faults(), seed);
        } catch (IllegalArgumentException e) {
            at.err().println("--faults: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        staleness = Simulation.stalenessFor(speed, base.get());
        if (!staleness.isEmpty()) {
            at.err().println("at " + speed + "x, raised " + staleness + " (simulated ms) so a feed is not stale after "
                    + "a hiccup of a few real ms");
        }
        BotRunner.prepareLogging(base.get());
        StopSignal stop = StopSignal.onTermOrInt();
        SimOptions options = SimOptions.defaults().withSeed(seed).withFaults(plan).withSessionWindows(windows);
        if (klines != null) {
            options = options.withKlines(klines);
        }
        // time stands still while the exchange and the bot start, so a slow start costs no window
        ScaledClock clock = ScaledClock.held(Instant.now(), speed);
        Vertx vertx = MetricsSetup.vertx(base.get().metrics());
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
            at.out().println("Simulating " + windows + " window(s) at " + speed + "x with seed " + seed
                    + (plan.isEmpty() ? "" : ", faults " + plan) + "; ledger " + (sim.config().storage().usesPostgres()
                    ? "PostgreSQL (DB_URL)" : sim.config().storage().dbPath()));
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
            summary.lines().forEach(l -> at.out().println("  " + l));
            if (json) {
                at.out().println(new ObjectMapper().writeValueAsString(summary.toJson()));
            }
            at.out().flush();
        }
        return ExitCodes.OK;
    }

    /** The bot's settings: the user's (.env, environment) with the exchange's URLs and the simulate defaults. */
    private BotConfig configWith(Map<String, String> exchangeSettings) {
        Map<String, String> overrides = new LinkedHashMap<>(Simulation.simulateDefaults());
        overrides.putAll(staleness);
        overrides.putAll(exchangeSettings);
        ConfigLoader.Result r = ConfigLoader.load(at.workDir(), at.env(), overrides);
        if (!r.ok()) {
            throw new IllegalArgumentException(String.join("; ", new ArrayList<>(r.errors())));
        }
        return r.config();
    }
}
