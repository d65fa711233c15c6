package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("DASHBOARD_ENABLED=false")
class DashboardDisabledTest {

    @Test
    @DisplayName("deploys without binding any port")
    void disabled(Vertx vertx, VertxTestContext ctx) {
        DashboardVerticle dashboard = new DashboardVerticle(
                TestConfig.with(Map.of("DASHBOARD_ENABLED", "false", "DASHBOARD_PORT", "0")),
                new VirtualClock(Samples.START));
        vertx.deployVerticle(dashboard).onComplete(ctx.succeeding(id -> ctx.verify(() -> {
            assertThat(dashboard.actualPort()).isEqualTo(-1);
            ctx.completeNow();
        })));
    }
}
