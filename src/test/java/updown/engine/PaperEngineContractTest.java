package updown.engine;

import org.junit.jupiter.api.DisplayName;
import updown.config.BotConfig;

@DisplayName("Engine contract: PaperEngine with the default book fill and Polymarket fee models")
class PaperEngineContractTest extends EngineContractTest {
    @Override
    protected Engine engine(BotConfig config) {
        return PaperEngine.fromConfig(config);
    }
}
