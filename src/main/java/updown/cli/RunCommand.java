package updown.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import updown.config.BotConfig;

/** The 24/7 service on live market data (the default command). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the 24/7 trading service on live market data (default).")
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Optional<BotConfig> config = ConfigOption.load(Path.of(""), System.getenv(), Map.of(), System.err);
        if (config.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        if (ConfigOption.isLive(config.get())) {
            System.err.println("TRADING_MODE=live: live trading is not available in this build; use paper.");
            return ExitCodes.CONFIG;
        }
        return ExitCodes.OK;
    }
}
