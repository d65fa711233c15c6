package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.PortfolioCommand;
import updown.fleet.FleetVerticle;
import updown.testkit.FakeTelegram;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

/**
 * Telegram on a clustered node: the real fleet verticle (a one-node Hazelcast cluster on 127.0.0.1) next to the
 * notifier and a fake portfolio. /status ends with the fleet's nodes; /stop and /resume go to every node through the
 * fleet bus and come back to this node's portfolio as fleet commands.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Telegram with --cluster: /status lists the fleet, /stop and /resume reach every node")
class NotifierFleetTest {
    private Vertx vertx;
    private VirtualClock clock;
    private FakeTelegram telegram;
    private FakePortfolio portfolio;
    private BotConfig config;
    private String fleetId;
    private String notifierId;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        LocalRecordCodec.register(vertx.eventBus());
        clock = new VirtualClock(Samples.T0);
        telegram = await(new FakeTelegram(vertx, NotifierVerticleTest.TOKEN, clock).start());
        portfolio = new FakePortfolio(clock);
        await(vertx.deployVerticle(portfolio));
        int port = freePort();
        config = TestConfig.with(Map.of("TELEGRAM_BOT_TOKEN", NotifierVerticleTest.TOKEN,
                "TELEGRAM_CHAT_ID", Long.toString(NotifierVerticleTest.OWNER), "TELEGRAM_API_URL", telegram.url(),
                "MARKETS", "btc-5m,eth-15m", "CLUSTER_ENABLED", "true", "CLUSTER_NODE_NAME", "node-a",
                "CLUSTER_NAME", "notifier-fleet-test", "CLUSTER_PORT", Integer.toString(port),
                "CLUSTER_MEMBERS", "127.0.0.1:" + port));
        fleetId = await(vertx.deployVerticle(new FleetVerticle(config, Clock.systemUTC())));
        notifierId = await(vertx.deployVerticle(new NotifierVerticle(config, clock)));
        await(telegram.awaitMessage("UpDown started"));
    }

    @AfterEach
    void tearDown() throws Exception {
        // the notifier stops polling before its Bot API goes; the fleet verticle leaves the cluster
        if (notifierId != null) {
            await(vertx.undeploy(notifierId));
        }
        if (fleetId != null) {
            await(vertx.undeploy(fleetId));
        }
        await(telegram.close());
    }

    @Test
    @DisplayName("/status ends with the fleet: this node alive with its markets, state and balance")
    void statusListsTheFleet() throws Exception {
        telegram.pushCommand(NotifierVerticleTest.OWNER, NotifierVerticleTest.OWNER, "/status");

        FakeTelegram.Call reply = await(telegram.awaitMessage("<b>Fleet</b>"));

        assertThat(reply.text()).contains("Balance $1000.00", "<b>Fleet</b> · 1 of 1 node(s) alive",
                "✅ node-a (this one) · btc-5m, eth-15m · running · $1000.00 · 1 open");
    }

    @Test
    @DisplayName("/stop and /resume are sent to every node and carried out here as the fleet's commands")
    void stopAndResumeTheFleet() throws Exception {
        telegram.pushCommand(NotifierVerticleTest.OWNER, NotifierVerticleTest.OWNER, "/stop");
        await(telegram.awaitMessage("Stop sent to every node of the fleet (1 alive)"));
        PortfolioCommand.StopTrading stop = awaitCommand(PortfolioCommand.StopTrading.class);
        assertThat(stop.by()).isEqualTo("fleet:telegram:" + NotifierVerticleTest.OWNER);
        assertThat(stop.reason()).isEqualTo("telegram /stop");

        telegram.pushCommand(NotifierVerticleTest.OWNER, NotifierVerticleTest.OWNER, "/resume");
        await(telegram.awaitMessage("Resume sent to every node of the fleet (1 alive)"));
        assertThat(awaitCommand(PortfolioCommand.ResumeTrading.class).by())
                .isEqualTo("fleet:telegram:" + NotifierVerticleTest.OWNER);
    }

    /** The fleet command goes out and comes back over the cluster bus: wait for it on the bus, not on a clock. */
    private <T extends PortfolioCommand> T awaitCommand(Class<T> type) throws Exception {
        return await(Future.<T>future(p -> {
            long timer = vertx.setPeriodic(10, id -> {
                if (!portfolio.received(type).isEmpty()) {
                    vertx.cancelTimer(id);
                    p.tryComplete(portfolio.received(type).get(0));
                }
            });
            assertThat(timer).isNotNegative();
        }));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
