package updown.cli;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import updown.config.BotConfig;
import updown.engine.PaperEngine;
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
            System.err.println("TRADING_MODE=live: live trading is not available in this build; use paper.");
            return ExitCodes.CONFIG;
        }
        BotRunner.prepareLogging(config);
        Vertx vertx = Vertx.vertx();
        return BotRunner.runUntilSignal(vertx, config, BotClock.system(), PaperEngine.fromConfig(config));
    }
}
