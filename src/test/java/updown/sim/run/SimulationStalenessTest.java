package updown.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.config.BotConfig;
import updown.testkit.TestConfig;

@DisplayName("Simulate at high speed: staleness limits are raised to a quarter of a real second, never lowered")
class SimulationStalenessTest {
    @TempDir
    Path dir;

    private BotConfig config(Map<String, String> settings) {
        return TestConfig.inDataDir(dir, settings);
    }

    @Test
    @DisplayName("at 60x the default 30 s is 500 real ms: nothing to raise")
    void defaultSpeedKeepsDefaults() {
        assertThat(Simulation.stalenessFor(60, config(Map.of()))).isEmpty();
    }

    @Test
    @DisplayName("at 600x the default 30 s would be 50 real ms: both limits become 150 000 simulated ms")
    void highSpeedRaisesBoth() {
        assertThat(Simulation.stalenessFor(600, config(Map.of())))
                .containsExactly(Map.entry("BOOK_STALE_MS", "150000"), Map.entry("PRICE_STALE_MS", "150000"));
    }

    @Test
    @DisplayName("a limit the user set above the floor is kept; one at exactly the floor is kept too")
    void userLimitsAboveTheFloorStay() {
        BotConfig c = config(Map.of("BOOK_STALE_MS", "500000", "PRICE_STALE_MS", "150000"));
        assertThat(Simulation.stalenessFor(600, c)).isEmpty();
    }
}
