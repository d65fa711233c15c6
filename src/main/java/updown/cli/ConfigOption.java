package updown.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.config.TradingMode;

/** Loads and validates settings for a command, printing every problem (one line each) to stderr. */
public final class ConfigOption {
    private ConfigOption() {
    }

    /**
     * The validated config, or empty after printing every problem. Live mode is accepted only when
     * {@code liveAvailable}; otherwise it is refused with one line.
     */
    public static Optional<BotConfig> load(Path workDir, Map<String, String> env, Map<String, String> overrides,
                                           PrintStream err) {
        ConfigLoader.Result result = ConfigLoader.load(workDir, env, overrides);
        for (String w : result.warnings()) {
            err.println("warning: " + w);
        }
        if (!result.ok()) {
            err.println("Invalid settings (" + result.errors().size() + "):");
            for (String e : result.errors()) {
                err.println("  " + e);
            }
            return Optional.empty();
        }
        return Optional.of(result.config());
    }

    public static boolean isLive(BotConfig config) {
        return config.mode() == TradingMode.LIVE;
    }
}
