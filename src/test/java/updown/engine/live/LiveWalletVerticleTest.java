package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.domain.Usd;
import updown.domain.WalletBalance;
import updown.testkit.FakeClobTrading;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
// first test in a fresh JVM loads Vert.x, Netty and BouncyCastle: allow for a slow, busy machine
@io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
@DisplayName("LiveWalletVerticle publishes the wallet the venue reports")
class LiveWalletVerticleTest {

    @Test
    @DisplayName("each successful check is published on live.wallet; a failed one publishes nothing")
    void publishes(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = LiveKit.clock();
        LocalRecordCodec.register(vertx.eventBus());
        AtomicInteger calls = new AtomicInteger();
        List<WalletBalance> seen = new ArrayList<>();
        WalletSource source = () -> calls.incrementAndGet() == 2
                ? Future.failedFuture(new ClobException("GET /balance-allowance",
                        VenueErrors.of(500, "{\"error\":\"internal error\"}")))
                : Future.succeededFuture(new WalletBalance(Usd.of("100"), Usd.of("50"), clock.instant()));
        vertx.eventBus().<WalletBalance>consumer(Addresses.LIVE_WALLET, m -> {
            seen.add(m.body());
            if (seen.size() == 2) {
                ctx.verify(() -> {
                    assertThat(calls.get()).isGreaterThanOrEqualTo(3);
                    assertThat(seen.get(0).spendable()).isEqualTo(Usd.of("50"));
                    ctx.completeNow();
                });
            }
        });
        // a virtual clock makes the period 1 real ms: three checks arrive at once
        vertx.deployVerticle(new LiveWalletVerticle(source, clock, 60_000)).onFailure(ctx::failNow);
    }

    @Test
    @DisplayName("against the fake CLOB: balance and the V2 exchange's allowance, in dollars")
    void realReading(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = LiveKit.clock();
        LiveKit.fake(vertx, clock).compose(fake -> {
            fake.wallet(Usd.of("123.456789"), Usd.of("100"));
            return LiveEngine.create(vertx, LiveKit.config(fake, Map.of()), clock)
                    .compose(engine -> engine.walletBalance().onComplete(x -> engine.close()))
                    .onComplete(x -> fake.stop());
        }).onComplete(ctx.succeeding(w -> ctx.verify(() -> {
            assertThat(w.balance()).isEqualTo(Usd.of("123.456789"));
            assertThat(w.allowance()).isEqualTo(Usd.of("100"));
            assertThat(w.at()).isEqualTo(clock.instant());
            ctx.completeNow();
        })));
    }
}
