package updown.engine.live;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import updown.config.BotConfig;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Usd;
import updown.engine.Engine;
import updown.engine.EngineContractTest;
import updown.testkit.Await;
import updown.testkit.LiveOnFake;
import updown.time.VirtualClock;

/** The same Engine contract the paper engine passes, run against the live engine on a loopback fake CLOB. */
@DisplayName("Engine contract: LiveEngine on a fake CLOB")
class LiveEngineContractTest extends EngineContractTest {
    private static Vertx vertx;
    private LiveOnFake live;
    private Usd startBalance = Usd.ZERO;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    @Override
    protected Engine engine(BotConfig config) {
        live = Await.result(LiveOnFake.start(vertx, new VirtualClock(Instant.parse("2026-05-12T11:12:00Z")),
                Map.of("LIVE_MAX_ORDER_USD", "100000", "LIVE_MAX_DAILY_USD", "1000000")));
        return live;
    }

    @Override
    protected void prepareVenue(Market market, OrderBook up, OrderBook down, Usd venueBalance) {
        live.fake().wallet(venueBalance, venueBalance);
        startBalance = venueBalance;
    }

    @Override
    protected Optional<Usd> venueCashSpent() {
        return Optional.of(startBalance.minus(live.fake().balance()));
    }

    @AfterEach
    void stopFake() {
        if (live != null) {
            Await.result(live.stop());
        }
    }
}
