package updown.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the fleet table: who is heard, who is gone")
class FleetTableTest {
    private static final long GONE_AFTER = 3_000;

    private static NodeStatus status(String node, long sentAt, String state) {
        return new NodeStatus(node, List.of(node + "-5m"), "PAPER", 1_000_000_000L, 1_000_000_000L, state, "", 0, 0,
                0, sentAt);
    }

    @Test
    @DisplayName("every node heard is listed by name, alive while its silence is at most the bound")
    void aliveWithinTheBound() {
        FleetTable table = new FleetTable(GONE_AFTER);
        table.heard(status("b", 1, "RUNNING"), 10_000);
        table.heard(status("a", 1, "RUNNING"), 11_000);

        FleetView view = table.view("a", 13_000);

        assertThat(view.nodes()).extracting(n -> n.status().node()).containsExactly("a", "b");
        assertThat(view.nodes()).extracting(FleetView.Node::alive).containsExactly(true, true);
        assertThat(view.nodes()).extracting(FleetView.Node::silentMs).containsExactly(2_000L, 3_000L);
        assertThat(view.alive()).isEqualTo(2);
    }

    @Test
    @DisplayName("a node silent longer than the bound is gone, and alive again once heard")
    void goneThenBack() {
        FleetTable table = new FleetTable(GONE_AFTER);
        table.heard(status("b", 1, "RUNNING"), 10_000);

        assertThat(table.view("a", 13_001).nodes().get(0).alive()).isFalse();
        assertThat(table.view("a", 13_001).alive()).isZero();

        table.heard(status("b", 2, "RUNNING"), 14_000);
        assertThat(table.view("a", 14_500).nodes().get(0).alive()).isTrue();
    }

    @Test
    @DisplayName("a status older than the one held (arrived late) does not replace it")
    void olderStatusIgnored() {
        FleetTable table = new FleetTable(GONE_AFTER);
        table.heard(status("b", 2, "STOPPED"), 10_000);
        table.heard(status("b", 1, "RUNNING"), 10_100);

        assertThat(table.view("a", 10_200).nodes().get(0).status().tradingState()).isEqualTo("STOPPED");
    }

    @Test
    @DisplayName("trades are listed newest first, at most the last fifty")
    void tradesNewestFirstAndCapped() {
        FleetTable table = new FleetTable(GONE_AFTER);
        for (int i = 1; i <= FleetTable.MAX_TRADES + 5; i++) {
            table.trade(new FleetTrade("a", "OPENED", i, "btc-updown-5m-" + i, "BUY_UP", 500_000, 10_000_000, 0,
                    "OPEN", i));
        }

        List<FleetTrade> trades = table.view("a", 0).trades();

        assertThat(trades).hasSize(FleetTable.MAX_TRADES);
        assertThat(trades.get(0).tradeId()).isEqualTo(FleetTable.MAX_TRADES + 5);
        assertThat(trades.get(trades.size() - 1).tradeId()).isEqualTo(6);
    }
}
