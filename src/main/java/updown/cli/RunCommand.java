package updown.cli;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import updown.config.BotConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.engine.Engine;
import updown.engine.PaperEngine;
import updown.engine.live.LiveEngine;
import updown.engine.live.LivePreflight;
import updown.time.BotClock;

/** The 24/7 service on live market data (the default command). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the 24/7 trading service on live market data (default).")
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Optional<BotConfig> loaded = ConfigOption.load(Path.of(""), System.getenv(), Map.of(), System.err);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        BotConfig config = loaded.get();
        if (ConfigOption.isLive(config)) {
            List<String> problems = LivePreflight.check(config);
            if (!problems.isEmpty()) {
                System.err.println("TRADING_MODE=live refused (" + problems.size() + "):");
                problems.forEach(p -> System.err.println("  " + p));
                return ExitCodes.CONFIG;
            }
        }
        BotRunner.prepareLogging(config);
        // the logger is created only now: logging is configured from the settings first
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        Vertx vertx = Vertx.vertx();
        BotClock clock = BotClock.system();
        Engine engine;
        if (ConfigOption.isLive(config)) {
            log.warn("*** LIVE TRADING: REAL MONEY{} *** caps {} per order, {} per day",
                    config.live().dryRun() ? " (DRY RUN)" : "", config.live().maxOrderUsd(),
                    config.live().maxDailyUsd());
            try {
                engine = LiveEngine.create(vertx, config, clock).toCompletionStage().toCompletableFuture()
                        .get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                log.error("live engine could not start: {}", cause.getMessage());
                BotRunner.closeQuietly(vertx);
                return ExitCodes.FAILURE;
            }
        } else {
            engine = PaperEngine.fromConfig(config);
        }
        return BotRunner.runUntilSignal(vertx, config, clock, engine);
    }
}
