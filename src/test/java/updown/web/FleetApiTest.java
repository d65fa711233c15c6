package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.fleet.FleetTrade;
import updown.fleet.FleetView;
import updown.fleet.NodeStatus;

@DisplayName("GET /api/fleet: the fleet as JSON")
class FleetApiTest {

    @Test
    @DisplayName("each node with its markets, money in dollars, state in lower case, alive or gone; trades by node")
    void json() {
        FleetView view = new FleetView("a", List.of(
                new FleetView.Node(new NodeStatus("a", List.of("btc-5m"), "PAPER", 987_641_271L, 1_008_285_271L,
                        "RUNNING", "", 2, 3, 1_796_400_000_000L, 0), true, 400),
                new FleetView.Node(new NodeStatus("b", List.of("eth-5m"), "PAPER", 1_000_000_000L, 1_000_000_000L,
                        "BREAKER", "drawdown 21%", 0, 0, 0, 0), false, 3_400)),
                List.of(new FleetTrade("b", "SETTLED", 4, "eth-updown-5m-1796399700", "BUY_UP", 440_000, 10_000_000,
                        12_335_272, "SETTLED", 1_796_400_000_000L)));

        JsonObject json = FleetApi.json(view);

        assertThat(json.getBoolean("clustered")).isTrue();
        assertThat(json.getString("self")).isEqualTo("a");
        assertThat(json.getLong("alive")).isEqualTo(1);
        JsonObject a = json.getJsonArray("nodes").getJsonObject(0);
        assertThat(a.getBoolean("self")).isTrue();
        assertThat(a.getString("balance")).isEqualTo("987.641271");
        assertThat(a.getString("trading")).isEqualTo("running");
        assertThat(a.getString("lastTick")).isEqualTo("2026-12-04T16:00:00Z");
        assertThat(a.getJsonArray("markets").getList()).containsExactly("btc-5m");
        JsonObject b = json.getJsonArray("nodes").getJsonObject(1);
        assertThat(b.getBoolean("alive")).isFalse();
        assertThat(b.getLong("silentMs")).isEqualTo(3_400);
        assertThat(b.getString("trading")).isEqualTo("breaker");
        assertThat(b.getString("reason")).isEqualTo("drawdown 21%");
        assertThat(b.getValue("lastTick")).isNull();
        JsonObject t = json.getJsonArray("trades").getJsonObject(0);
        assertThat(t.getString("node")).isEqualTo("b");
        assertThat(t.getString("event")).isEqualTo("settled");
        assertThat(t.getString("price")).isEqualTo("0.44");
        assertThat(t.getString("pnl")).isEqualTo("12.335272");
    }
}
