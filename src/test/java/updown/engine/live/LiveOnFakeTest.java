package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.Level;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.testkit.LiveOnFake;

@ExtendWith(VertxExtension.class)
// first test in a fresh JVM loads Vert.x, Netty and BouncyCastle: allow for a slow, busy machine
@io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
@DisplayName("LiveOnFake: the live engine on the fake venue, fed the order's own books")
class LiveOnFakeTest {

    @Test
    @DisplayName("the fake matches against the order's asks: $10 at ≤ 0.55 over 10@0.50 and 30@0.52")
    void mirrorsBooks(Vertx vertx, VertxTestContext ctx) {
        LiveOnFake.start(vertx, LiveKit.clock(), Map.of()).compose(live -> live.execute(
                LiveKit.buyUp("10", "0.55", LiveKit.book(LiveKit.UP, Level.of("0.50", "10"), Level.of("0.52", "30"))))
                .onComplete(x -> live.stop()))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(ex).isInstanceOf(Execution.Filled.class);
                    var f = ((Execution.Filled) ex).fill();
                    assertThat(f.amount()).isEqualTo(Usd.of("9.99999"));
                    assertThat(f.shares()).isEqualTo(Shares.of("19.615365"));
                    ctx.completeNow();
                })));
    }
}
