package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.fleet.FleetView;
import updown.fleet.NodeStatus;

@DisplayName("Telegram /status with --cluster: the fleet block")
class FleetLinesTest {

    @Test
    @DisplayName("lists every node with its markets; alive ones with state, balance and open positions, gone ones "
            + "with their silence")
    void listsNodes() {
        FleetView view = new FleetView("a", List.of(
                new FleetView.Node(new NodeStatus("a", List.of("btc-5m"), "PAPER", 987_640_000L, 1_000_000_000L,
                        "RUNNING", "", 2, 3, 0, 0), true, 400),
                new FleetView.Node(new NodeStatus("b<x>", List.of("eth-5m", "sol-15m"), "PAPER", 1_000_000_000L,
                        1_000_000_000L, "STOPPED", "maintenance", 0, 1, 0, 0), true, 900),
                new FleetView.Node(new NodeStatus("c", List.of("xrp-5m"), "PAPER", 5_000_000L, 5_000_000L,
                        "RUNNING", "", 0, 0, 0, 0), false, 8_300)), List.of());

        String html = FleetLines.of(view);

        assertThat(html).contains("<b>Fleet</b> · 2 of 3 node(s) alive",
                "✅ a (this one) · btc-5m · running · $987.64 · 2 open",
                "✅ b&lt;x&gt; · eth-5m, sol-15m · stopped · $1000.00 · 0 open",
                "❌ c · xrp-5m · gone, silent 8 s");
    }

    @Test
    @DisplayName("a fleet-wide command says it went to every node and how many are alive")
    void sent() {
        assertThat(FleetLines.sent(FleetLines.FleetCommandWord.STOP, 3))
                .isEqualTo("⏹ Stop sent to every node of the fleet (3 alive). /status shows each node.");
    }
}
