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

/**
 * The raw settings a backtest starts from (defaults, {@code .env}, environment: what {@code run} would read), and the
 * validated config of one variant of them, built with {@link ConfigLoader#fromMap}. Backtests always trade paper.
 */
public final class SettingsBase {
    private final Map<String, String> raw;

    private SettingsBase(Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
    }

    /** Reads the defaults, {@code workDir/.env} and the environment's known names (blocking). */
    public static SettingsBase load(Path workDir, Map<String, String> environment) throws IOException {
        Map<String, String> defaults = ConfigLoader.defaults(workDir);
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        Path dotEnv = workDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            for (Map.Entry<String, String> e : DotEnv.read(dotEnv).entrySet()) {
                if (defaults.containsKey(e.getKey())) {
                    merged.put(e.getKey(), e.getValue());
                }
            }
        }
        for (String key : defaults.keySet()) {
            String v = environment.get(key);
            if (v != null) {
                merged.put(key, v);
            }
        }
        return new SettingsBase(merged);
    }

    /** Base values given directly (tests). */
    public static SettingsBase of(Map<String, String> raw) {
        return new SettingsBase(raw);
    }

    /** The names among {@code names} that are not settings. */
    public List<String> unknown(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!raw.containsKey(n)) {
                out.add(n);
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
