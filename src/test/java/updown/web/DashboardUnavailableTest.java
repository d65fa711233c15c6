package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
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
    /** Held by the test so its HTTP client stays reachable while requests are in flight. */
    private DashboardHarness harness;

    @Test
    @DisplayName("answers 503 with a JSON error instead of hanging or failing with a stack trace")
    void unavailable(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(Samples.START);
        DashboardHarness.start(vertx, DashboardHarness.config(""), clock, List.of())
                .onSuccess(h -> harness = h)
                .compose(h -> Future.all(h.get("/api/status"), h.get("/api/trades"), h.get("/api/markets"),
                        h.get("/api/chart.png"), h.get("/health")))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    List<HttpResponse<Buffer>> rs = all.list();
                    for (HttpResponse<Buffer> r : rs) {
                        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
                        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
                    }
                    assertThat(rs.get(0).bodyAsJsonObject().getString("error"))
                            .isEqualTo("the portfolio is not answering");
                    assertThat(rs.get(2).bodyAsJsonObject().getString("error"))
                            .isEqualTo("the trader is not answering");
                    ctx.completeNow();
                })));
    }
}
