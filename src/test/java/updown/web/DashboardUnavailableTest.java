package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("dashboard without a portfolio or trader on the bus")
class DashboardUnavailableTest {

    @Test
    @DisplayName("answers 503 with a JSON error instead of hanging or failing with a stack trace")
    void unavailable(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(Samples.START);
        DashboardHarness.start(vertx, DashboardHarness.config(""), clock, List.of())
                .compose(h -> Future.all(h.get("/api/status"), h.get("/api/trades"), h.get("/api/markets"),
                        h.get("/api/chart.png"), h.get("/health")))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    for (int i = 0; i < all.size(); i++) {
                        io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> r = all.resultAt(i);
                        assertThat(r.statusCode()).as("request %d", i).isEqualTo(503);
                        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
                    }
                    JsonObject status = ((io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>)
                            all.resultAt(0)).bodyAsJsonObject();
                    assertThat(status.getString("error")).isEqualTo("the portfolio is not answering");
                    ctx.completeNow();
                })));
    }
}
