package updown.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.Optional;
import updown.config.BotConfig;

/**
 * Creates the process's Vert.x with or without metrics. With METRICS_ENABLED=false it is a plain {@code Vertx.vertx()}
 * (no metrics SPI, nothing measured, nothing served). Enabled, vertx-micrometer-metrics measures the event bus, HTTP
 * clients and servers, pools and the JVM into one Prometheus registry, registered under {@link #REGISTRY} so
 * {@link #registry} finds it again when the bot starts (one Vert.x per process).
 */
public final class MetricsSetup {
    /** The registry's name in vertx-micrometer's backend table. */
    public static final String REGISTRY = "updown";

    private MetricsSetup() {
    }

    public static Vertx vertx(BotConfig.Metrics config) {
        return vertx(config, new VertxOptions());
    }

    /** The same on {@code base} options (the service's smaller thread pools, for instance). */
    public static Vertx vertx(BotConfig.Metrics config, VertxOptions base) {
        if (!config.enabled()) {
            return Vertx.vertx(base);
        }
        return withRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), REGISTRY, base);
    }

    /** A Vert.x whose own metrics go into {@code registry} (tests pass their own, under their own name). */
    public static Vertx withRegistry(PrometheusMeterRegistry registry, String name) {
        return withRegistry(registry, name, new VertxOptions());
    }

    private static Vertx withRegistry(PrometheusMeterRegistry registry, String name, VertxOptions base) {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setRegistryName(name)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
        return Vertx.builder()
                .with(new VertxOptions(base).setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /** The registry {@link #vertx} set up, when metrics are enabled. */
    public static Optional<PrometheusMeterRegistry> registry(BotConfig.Metrics config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return BackendRegistries.getNow(REGISTRY) instanceof PrometheusMeterRegistry p ? Optional.of(p)
                : Optional.empty();
    }
}
