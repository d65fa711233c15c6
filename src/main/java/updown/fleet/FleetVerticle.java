package updown.fleet;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.Replies;
import updown.config.BotConfig;
import updown.domain.MarketKey;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.time.Timers;

/**
 * This node's seat in the fleet ({@code --cluster}). It joins the fleet bus (see {@link FleetCluster}) and, on the
 * bot's own bus, listens to its portfolio and trader: every {@link #HEARTBEAT_MS} and after each change it publishes
 * the node's {@link NodeStatus}, and each trade opened or settled as a {@link FleetTrade}. It keeps what it hears
 * from every node (itself included) in a {@link FleetTable}, answers {@link Addresses#FLEET_QUERY} with it, turns
 * {@link Addresses#FLEET_COMMAND} into a {@link FleetCommand} for the whole fleet, and carries out the fleet's
 * commands on its own portfolio. Each node owns its markets and its ledger; only these views and commands cross.
 */
public final class FleetVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(FleetVerticle.class);
    /** Real milliseconds between two statuses of a node. */
    public static final long HEARTBEAT_MS = 1_000;
    /** Real milliseconds of silence after which a node shows as gone: three missed heartbeats. */
    public static final long GONE_AFTER_MS = 3 * HEARTBEAT_MS;
    private static final DeliveryOptions PORTFOLIO = new DeliveryOptions().setSendTimeout(10_000);

    private final BotConfig config;
    private final Clock wall;
    private final String self;
    private final List<String> markets;
    private final FleetTable table = new FleetTable(GONE_AFTER_MS);
    private Vertx fleet;
    private PortfolioSnapshot snapshot;
    private long lastTickMs;
    private Timers timers;
    private long heartbeat = -1;

    /** {@code wall}: real time, for heartbeats and silence (the bot's own clock may run simulated time). */
    public FleetVerticle(BotConfig config, Clock wall) {
        this.config = config;
        this.wall = wall;
        this.self = config.cluster().node();
        this.markets = config.market().markets().stream().map(MarketKey::toString).toList();
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        bus.<PortfolioSnapshot>localConsumer(Addresses.PORTFOLIO_SNAPSHOT, m -> snapshot = m.body());
        bus.<TraderTicked>localConsumer(Addresses.TRADER_TICKED, m -> lastTickMs = m.body().at().toEpochMilli());
        bus.<PortfolioEvent.TradeExecuted>localConsumer(Addresses.TRADE_EXECUTED,
                m -> publishTrade("OPENED", m.body().trade()));
        bus.<PortfolioEvent.TradeSettled>localConsumer(Addresses.TRADE_SETTLED,
                m -> publishTrade("SETTLED", m.body().trade()));
        bus.<PortfolioEvent.TradingStateChanged>localConsumer(Addresses.TRADING_STATE_CHANGED, m -> {
            snapshot = m.body().snapshot();
            publishStatus();
        });
        bus.localConsumer(Addresses.FLEET_QUERY, m -> m.reply(table.view(self, wall.millis())));
        bus.localConsumer(Addresses.FLEET_COMMAND, this::onFleetCommand);
        Future<PortfolioSnapshot> first = bus.request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot(),
                PORTFOLIO).map(m -> (PortfolioSnapshot) m.body());
        return first.compose(s -> {
            snapshot = s;
            // built off this context (a second Vert.x made on a Vert.x thread draws a warning), completed back on it
            return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> FleetCluster.join(config.cluster()))
                    .thenCompose(Future::toCompletionStage), context);
        }).compose(clustered -> {
            fleet = clustered;
            EventBus fleetBus = fleet.eventBus();
            JsonRecordCodec.register(fleetBus, NodeStatus.class);
            JsonRecordCodec.register(fleetBus, FleetTrade.class);
            JsonRecordCodec.register(fleetBus, FleetCommand.class);
            // fleet handlers run on the fleet Vert.x's thread: each hops to this verticle's context, where the
            // table and the snapshot live
            Future<Void> status = fleetBus.<NodeStatus>consumer(Addresses.FLEET_STATUS,
                    onContext(s -> table.heard(s, wall.millis()))).completion();
            Future<Void> trades = fleetBus.<FleetTrade>consumer(Addresses.FLEET_TRADE, onContext(table::trade))
                    .completion();
            Future<Void> control = fleetBus.<FleetCommand>consumer(Addresses.FLEET_CONTROL, onContext(this::obey))
                    .completion();
            return Future.all(status, trades, control);
        }).map(v -> {
            timers = Timers.ofWallClock(vertx);
            heartbeat = timers.everyWallMillis(HEARTBEAT_MS, id -> publishStatus());
            publishStatus();
            LOG.info("fleet: joined cluster {} as {} trading {}", config.cluster().name(), self, markets);
            return null;
        });
    }

    /** Decodes on the fleet thread; a message another node sent that does not decode is one line, then skipped. */
    private <T> Handler<Message<T>> onContext(Handler<T> handler) {
        return m -> {
            T body;
            try {
                body = m.body();
            } catch (RuntimeException e) {
                LOG.warn("fleet: skipped a message on {}: {}", m.address(), e.getMessage());
                return;
            }
            context.runOnContext(v -> handler.handle(body));
        };
    }

    private NodeStatus status() {
        PortfolioSnapshot s = snapshot;
        return new NodeStatus(self, markets, config.mode().name(), s.balance().micros(), s.equity().micros(),
                s.control().state().name(), s.control().reason(), s.openPositions(), s.wins() + s.losses(),
                lastTickMs, wall.millis());
    }

    private void publishStatus() {
        if (fleet != null && snapshot != null) {
            fleet.eventBus().publish(Addresses.FLEET_STATUS, status());
        }
    }

    private void publishTrade(String event, Trade t) {
        if (fleet == null) {
            return;
        }
        long at = (t.settledAt() != null && "SETTLED".equals(event) ? t.settledAt() : t.openedAt()).toEpochMilli();
        fleet.eventBus().publish(Addresses.FLEET_TRADE, new FleetTrade(self, event, t.id(), t.slug(),
                t.side().name(), t.price().micros(), t.amount().micros(), t.pnl() == null ? 0 : t.pnl().micros(),
                t.status().name(), at));
    }

    /** From this node's dashboard or Telegram: to every node, this one included; answers the nodes alive. */
    private void onFleetCommand(Message<Object> m) {
        if (!(m.body() instanceof FleetCommand command)) {
            Replies.fail(m, ResultCode.INVALID_INPUT, "not a fleet command");
            return;
        }
        if (fleet == null) {
            Replies.fail(m, ResultCode.STORAGE_FAILED, "not joined to the fleet yet");
            return;
        }
        fleet.eventBus().publish(Addresses.FLEET_CONTROL, command);
        LOG.info("fleet: {} of every node requested by {}", command.action(), command.by());
        m.reply(table.view(self, wall.millis()).alive());
    }

    /** A fleet command, carried out on this node's portfolio like a local one; refusals are only logged. */
    private void obey(FleetCommand command) {
        Object body = command.action() == FleetCommand.Action.STOP
                ? new PortfolioCommand.StopTrading("fleet:" + command.by(), command.reason())
                : new PortfolioCommand.ResumeTrading("fleet:" + command.by());
        String address = command.action() == FleetCommand.Action.STOP ? Addresses.PORTFOLIO_STOP
                : Addresses.PORTFOLIO_RESUME;
        vertx.eventBus().request(address, body, PORTFOLIO)
                .onSuccess(r -> LOG.info("fleet: {} by {} done here", command.action(), command.by()))
                .onFailure(e -> LOG.info("fleet: {} by {} not done here: {}", command.action(), command.by(),
                        Replies.codeOf(e)));
    }

    @Override
    public Future<?> stop() {
        if (heartbeat >= 0) {
            timers.cancel(heartbeat);
        }
        // leaves the cluster cleanly (Hazelcast's members drop it at once); fleet views mark it gone after its silence
        return fleet == null ? Future.succeededFuture() : fleet.close();
    }
}
