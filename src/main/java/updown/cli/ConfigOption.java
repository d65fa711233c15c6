package updown.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import updown.backtest.SettingsBase;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.config.TradingMode;
import updown.app.ErrorLine;

/** Loads and validates settings for a command, printing every problem and every warning (one line each) to stderr. */
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
            printErrors(result.errors(), err);
            return Optional.empty();
        }
        return Optional.of(result.config());
    }

    /** One self-contained line per problem ("{@code invalid setting: MAX_ENTRY_PRICE=1.7: must be > 0 and <= 1}"). */
    static void printErrors(java.util.List<String> errors, PrintStream err) {
        for (String e : errors) {
            err.println("invalid setting: " + e);
        }
    }

    /**
     * The raw settings of backtest and sweep (defaults, .env, environment) after printing their warnings, or empty
     * after printing, on one line, why they cannot be read (an unreadable .env, a conf/config.json that is not JSON).
     */
    static Optional<SettingsBase> loadBase(Invocation at) {
        SettingsBase base;
        try {
            base = SettingsBase.load(at.workDir(), at.env());
        } catch (IOException | UncheckedIOException e) {
            at.err().println("cannot read the settings: " + ErrorLine.describe(e));
            return Optional.empty();
        }
        base.warnings().forEach(w -> at.err().println("warning: " + w));
        return Optional.of(base);
    }

    public static boolean isLive(BotConfig config) {
        return config.mode() == TradingMode.LIVE;
    }
}
