package updown.engine;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import updown.config.BotConfig;
import updown.testkit.TestConfig;

@DisplayName("Engine contract: PaperEngine with the seed's flat fill and flat fee models, no slippage")
class PaperEngineFlatContractTest extends EngineContractTest {
    @Override
    protected BotConfig config() {
        return TestConfig.with(Map.of("FILL_MODEL", "flat", "SLIPPAGE_PCT", "0", "FEE_MODEL", "flat"));
    }

    @Override
    protected Engine engine(BotConfig config) {
        return PaperEngine.fromConfig(config);
    }
}
