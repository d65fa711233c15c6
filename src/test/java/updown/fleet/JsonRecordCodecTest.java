package updown.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the fleet's JSON codec: what one JVM writes, another reads")
class JsonRecordCodecTest {
    private static final NodeStatus STATUS = new NodeStatus("node-a", List.of("btc-5m", "eth-15m"), "PAPER",
            987_641_271L, 1_008_285_271L, "STOPPED", "stopped from the dashboard", 2, 3, 1_796_400_000_000L,
            1_764_860_000_123L);

    @Test
    @DisplayName("a node status survives the wire unchanged, after bytes already in the buffer")
    void statusRoundTrip() {
        JsonRecordCodec<NodeStatus> codec = new JsonRecordCodec<>(NodeStatus.class);
        Buffer wire = Buffer.buffer().appendString("header");
        codec.encodeToWire(wire, STATUS);

        assertThat(codec.decodeFromWire(6, wire)).isEqualTo(STATUS);
    }

    @Test
    @DisplayName("a trade and a command survive the wire unchanged")
    void tradeAndCommandRoundTrip() {
        FleetTrade trade = new FleetTrade("node-b", "SETTLED", 4, "eth-updown-5m-1796399700", "BUY_UP", 440_000,
                10_000_000, -10_336_000, "SETTLED", 1_796_400_000_000L);
        FleetCommand stop = new FleetCommand(FleetCommand.Action.STOP, "dashboard", "maintenance");
        JsonRecordCodec<FleetTrade> trades = new JsonRecordCodec<>(FleetTrade.class);
        JsonRecordCodec<FleetCommand> commands = new JsonRecordCodec<>(FleetCommand.class);
        Buffer wire = Buffer.buffer();
        trades.encodeToWire(wire, trade);
        int second = wire.length();
        commands.encodeToWire(wire, stop);

        assertThat(trades.decodeFromWire(0, wire)).isEqualTo(trade);
        assertThat(commands.decodeFromWire(second, wire)).isEqualTo(stop);
    }

    @Test
    @DisplayName("a field a newer node added is ignored, and a missing one reads as empty")
    void toleratesOtherVersions() {
        String json = "{\"node\":\"node-c\",\"markets\":[\"sol-5m\"],\"mode\":\"PAPER\",\"tradingState\":\"RUNNING\","
                + "\"balanceMicros\":5,\"newField\":true}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Buffer wire = Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);

        NodeStatus read = new JsonRecordCodec<>(NodeStatus.class).decodeFromWire(0, wire);

        assertThat(read.node()).isEqualTo("node-c");
        assertThat(read.markets()).containsExactly("sol-5m");
        assertThat(read.balanceMicros()).isEqualTo(5);
        assertThat(read.reason()).isEmpty();
    }

    @Test
    @DisplayName("bytes that are not JSON are refused with one clear message naming the record")
    void refusesGarbage() {
        byte[] bytes = "not json".getBytes(StandardCharsets.UTF_8);
        Buffer wire = Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);

        assertThatThrownBy(() -> new JsonRecordCodec<>(NodeStatus.class).decodeFromWire(0, wire))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a NodeStatus from another node is not readable");
    }

    @Test
    @DisplayName("JSON without the fields a record cannot do without (a node's name, a command's action) is refused")
    void refusesIncomplete() {
        byte[] bytes = "{\"markets\":[\"btc-5m\"]}".getBytes(StandardCharsets.UTF_8);
        Buffer wire = Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);

        assertThatThrownBy(() -> new JsonRecordCodec<>(NodeStatus.class).decodeFromWire(0, wire))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node");
        assertThatThrownBy(() -> new JsonRecordCodec<>(FleetCommand.class).decodeFromWire(0, wire))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
    }

    @Test
    @DisplayName("in one JVM the same instance is passed on, and each record type has its own codec name")
    void localIsTheSameInstance() {
        assertThat(new JsonRecordCodec<>(NodeStatus.class).transform(STATUS)).isSameAs(STATUS);
        assertThat(new JsonRecordCodec<>(NodeStatus.class).name())
                .isNotEqualTo(new JsonRecordCodec<>(FleetTrade.class).name());
    }
}
