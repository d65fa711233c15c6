package updown.fleet;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import updown.config.BotConfig;

/**
 * The fleet bus: a Vert.x of its own, clustered by Hazelcast, next to the bot's (never clustered) Vert.x. Hazelcast
 * is configured here in code, never from a file found on the class path: a named cluster, TCP-IP join to the
 * CLUSTER_MEMBERS list (multicast and auto-detection off), bound to CLUSTER_HOST:CLUSTER_PORT only, no phone-home.
 */
public final class FleetCluster {
    /** Hazelcast's heartbeat: a member silent this long is removed from the cluster (its default is 60 s). */
    static final int MAX_NO_HEARTBEAT_SECONDS = 5;

    private FleetCluster() {
    }

    /** Hazelcast's configuration: Vert.x's own maps (from its default file in the jar) plus the network above. */
    static Config hazelcast(BotConfig.Cluster settings) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(settings.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // the bot closes its fleet bus in its own shutdown order; Hazelcast's hook would leave the cluster first
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // leaving waits for partition hand-over at most this long, well inside the bot's 10 s shutdown budget
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
        // a node alone (the others not up yet) starts a cluster of its own at once, and they join it later
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(settings.members());
        return config;
    }

    /** Joins the cluster; the Vert.x it returns has its event bus on CLUSTER_HOST (any free port). */
    public static Future<Vertx> join(BotConfig.Cluster settings) {
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2);
        options.getEventBusOptions().setHost(settings.host()).setPort(0).setClusterPublicHost(settings.host());
        return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast(settings)))
                .buildClustered();
    }
}
