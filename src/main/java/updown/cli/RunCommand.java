package updown.cli;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import updown.config.BotConfig;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.engine.Engine;
import updown.engine.PaperEngine;
import updown.engine.live.LiveEngine;
import updown.engine.live.LivePreflight;
import updown.metrics.MetricsSetup;
import updown.repository.SqliteRepository;
import updown.time.BotClock;
import updown.app.BotRunner;
import updown.app.HeapTrim;
import updown.app.StopSignal;
import updown.app.ExitCodes;

/** The 24/7 service on live market data (the default command). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the 24/7 trading service on live market data (default).")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "live mode: sign every order but send none (= LIVE_DRY_RUN=true)")
    boolean dryRun;

    @Option(names = "--cluster", description = "join the fleet's cluster (= CLUSTER_ENABLED=true; CLUSTER_MEMBERS, "
            + "CLUSTER_HOST, CLUSTER_PORT)")
    boolean cluster;

    private final Invocation at;

    public RunCommand() {
        this(Invocation.system());
    }

    RunCommand(Invocation at) {
        this.at = at;
    }

    @Override
    public Integer call() {
        Map<String, String> overrides = new java.util.HashMap<>();
        if (dryRun) {
            overrides.put("LIVE_DRY_RUN", "true");
        }
        if (cluster) {
            overrides.put("CLUSTER_ENABLED", "true");
        }
        Optional<BotConfig> loaded = ConfigOption.load(at.workDir(), at.env(), overrides, at.err());
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        BotConfig config = loaded.get();
        if (ConfigOption.isLive(config)) {
            List<String> problems = LivePreflight.check(config);
            if (!problems.isEmpty()) {
                at.err().println(LivePreflight.refusal(problems));
                return ExitCodes.CONFIG;
            }
        }
        // a damaged ledger is refused before anything starts (no log files, no connection to the venue)
        try {
            SqliteRepository.requireUsable(config.storage().dbPath());
        } catch (IOException e) {
            at.err().println(e.getMessage());
            return ExitCodes.FAILURE;
        }
        // before anything starts: a SIGTERM while connecting (docker stop) must stop cleanly, with exit 0
        StopSignal stop = StopSignal.onTermOrInt();
        BotRunner.prepareLogging(config);
        // the logger is created only now: logging is configured from the settings first
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        List<String> trimmed = HeapTrim.apply();
        Vertx vertx = MetricsSetup.vertx(config.metrics(), BotRunner.serviceOptions());
        if (!trimmed.isEmpty()) {
            HeapTrim.schedule(vertx);
            log.debug("idle heap given back every {} ms: {}", HeapTrim.TRIM_EVERY_MS, trimmed);
        }
        BotClock clock = BotClock.system();
        Engine engine;
        if (ConfigOption.isLive(config)) {
            log.warn("*** LIVE TRADING: REAL MONEY{} *** caps {} per order, {} per day",
                    config.live().dryRun() ? " (DRY RUN)" : "", config.live().maxOrderUsd(),
                    config.live().maxDailyUsd());
            try {
                engine = stop.awaitUnlessStopped(LiveEngine.create(vertx, config, clock).toCompletionStage()
                        .toCompletableFuture(), 120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                BotRunner.closeQuietly(vertx);
                return ExitCodes.FAILURE;
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                log.error("live engine could not start: {}", cause.getMessage());
                BotRunner.closeQuietly(vertx);
                return ExitCodes.FAILURE;
            }
            if (engine == null) {
                log.info("stop requested while the live engine was starting: closing");
                BotRunner.closeQuietly(vertx);
                return ExitCodes.OK;
            }
        } else {
            engine = PaperEngine.fromConfig(config);
        }
        return BotRunner.runUntil(stop, vertx, config, clock, engine);
    }
}
