package updown.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import updown.config.BotConfig;
import updown.config.ConfigLoader;

/** Builds a validated {@link BotConfig} from the shipped defaults plus overrides, for tests. */
public final class TestConfig {
    private TestConfig() {
    }

    public static BotConfig defaults() {
        return with(Map.of());
    }

    /** Defaults with some settings replaced, e.g. {@code with(Map.of("BET_SIZE", "20"))}. */
    public static BotConfig with(Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(ConfigLoader.defaults(Path.of("/nonexistent-dir")));
        raw.putAll(overrides);
        ConfigLoader.Result r = ConfigLoader.fromMap(raw, List.of());
        if (!r.ok()) {
            throw new IllegalArgumentException("bad test config: " + r.errors());
        }
        return r.config();
    }

    /** Defaults with DATA_DIR pointed at a temporary directory. */
    public static BotConfig inDataDir(Path dataDir, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.put("DATA_DIR", dataDir.toString());
        return with(all);
    }
}
