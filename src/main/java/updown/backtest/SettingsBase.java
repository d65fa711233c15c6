package updown.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.config.DotEnv;
import updown.config.SettingNames;

/**
 * The raw settings a backtest starts from (defaults, {@code .env}, environment: what {@code run} would read), and the
 * validated config of one variant of them, built with {@link ConfigLoader#fromMap}. Backtests always trade paper.
 */
public final class SettingsBase {
    private final Map<String, String> raw;
    private final List<String> warnings;

    private SettingsBase(Map<String, String> raw, List<String> warnings) {
        this.raw = Map.copyOf(raw);
        this.warnings = List.copyOf(warnings);
    }

    /** Reads the defaults, {@code workDir/.env} and the environment's known names (blocking). */
    public static SettingsBase load(Path workDir, Map<String, String> environment) throws IOException {
        Map<String, String> defaults = ConfigLoader.defaults(workDir);
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        SettingNames names = new SettingNames(defaults.keySet());
        List<String> warnings = new ArrayList<>();
        Path dotEnv = workDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            Map<String, String> fromFile = DotEnv.read(dotEnv);
            warnings.addAll(names.dotEnvWarnings(fromFile.keySet()));
            for (Map.Entry<String, String> e : fromFile.entrySet()) {
                if (defaults.containsKey(e.getKey())) {
                    merged.put(e.getKey(), e.getValue());
                }
            }
        }
        warnings.addAll(names.environmentWarnings(environment.keySet()));
        for (String key : defaults.keySet()) {
            String v = environment.get(key);
            if (v != null) {
                merged.put(key, v);
            }
        }
        return new SettingsBase(merged, warnings);
    }

    /** Base values given directly (tests). */
    public static SettingsBase of(Map<String, String> raw) {
        return new SettingsBase(raw, List.of());
    }

    /** What {@link #load} found worth a word: names in {@code .env} or the environment that are not settings. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * One line per name among {@code names} that is not a setting ("{@code BET_SIZ is not a setting; did you mean
     * BET_SIZE?}"); empty when every name is one.
     */
    public List<String> unknown(Collection<String> names) {
        SettingNames known = new SettingNames(raw.keySet());
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!known.isSetting(n)) {
                out.add(known.notASetting(n));
            }
        }
        return out;
    }

    /** The validated config of the base with {@code overrides} applied (and TRADING_MODE=paper). */
    public ConfigLoader.Result with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(raw);
        merged.putAll(overrides);
        merged.put("TRADING_MODE", "paper");
        return ConfigLoader.fromMap(merged, List.of());
    }

    /** Like {@link #with} but throws {@link IllegalArgumentException} listing every problem. */
    public BotConfig config(Map<String, String> overrides) {
        ConfigLoader.Result r = with(overrides);
        if (!r.ok()) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        return r.config();
    }
}
