package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("health: the container's check of the trader's heartbeat file")
class HealthCommandTest {
    private static final Instant NOW = Instant.parse("2026-05-12T10:00:00Z");

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env) {
        HealthCommand command = new HealthCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work, env), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ZERO);
        return new CommandLine(command).execute();
    }

    private int run() {
        return run(Map.of("DATA_DIR", "data"));
    }

    private void heartbeat(String content) throws IOException {
        Files.createDirectories(work.resolve("data"));
        Files.writeString(work.resolve("data/health"), content);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a heartbeat a few seconds old is healthy: exit 0 and one line on stdout")
    void fresh() throws IOException {
        heartbeat(NOW.minusSeconds(4) + "\n");
        assertThat(run()).isZero();
        assertThat(outText()).isEqualTo("healthy: last trader tick 2026-05-12T09:59:56Z, 4000 ms ago (limit 120000 ms)"
                + System.lineSeparator());
        assertThat(errText()).isEmpty();
    }

    @Test
    @DisplayName("a heartbeat exactly HEALTH_MAX_AGE_MS old is still healthy, one millisecond more is not")
    void boundary() throws IOException {
        heartbeat(NOW.minusMillis(120_000).toString());
        assertThat(run()).isZero();
        heartbeat(NOW.minusMillis(120_001).toString());
        assertThat(run()).isEqualTo(1);
    }

    @Test
    @DisplayName("a heartbeat older than HEALTH_MAX_AGE_MS is unhealthy: exit 1 with its age and the limit")
    void stale() throws IOException {
        heartbeat(NOW.minusSeconds(300).toString());
        assertThat(run()).isEqualTo(1);
        assertThat(errText().lines().toList()).containsExactly(
                "unhealthy: last trader tick 2026-05-12T09:55:00Z is 300000 ms old (limit 120000 ms)");
        assertThat(outText()).isEmpty();
    }

    @Test
    @DisplayName("HEALTH_MAX_AGE_MS from the settings sets the limit")
    void limitFromSettings() throws IOException {
        heartbeat(NOW.minusSeconds(30).toString());
        assertThat(run(Map.of("DATA_DIR", "data", "HEALTH_MAX_AGE_MS", "10000"))).isEqualTo(1);
        assertThat(errText()).contains("30000 ms old (limit 10000 ms)");
    }

    @Test
    @DisplayName("no heartbeat file (the trader never ticked) is unhealthy")
    void missing() {
        assertThat(run()).isEqualTo(1);
        assertThat(errText().lines().toList()).singleElement().asString()
                .startsWith("unhealthy: no heartbeat file ").contains("health").endsWith("the trader has not ticked yet");
    }

    @Test
    @DisplayName("a heartbeat stamped further in the future than the limit is not trusted")
    void future() throws IOException {
        heartbeat(NOW.plusSeconds(600).toString());
        assertThat(run()).isEqualTo(1);
        assertThat(errText().lines().toList()).containsExactly(
                "unhealthy: last trader tick 2026-05-12T10:10:00Z is 600000 ms in the future (limit 120000 ms)");
        heartbeat(NOW.plusSeconds(1).toString());
        assertThat(run()).as("a small skew between clocks is fine").isZero();
    }

    @Test
    @DisplayName("garbage in the heartbeat file is unhealthy and quoted, cut short and without control characters")
    void garbage() throws IOException {
        heartbeat("not a time\u0007\"" + "x".repeat(100));
        assertThat(run()).isEqualTo(1);
        assertThat(errText().lines().toList()).singleElement().asString()
                .startsWith("unhealthy: ").contains("does not hold an ISO-8601 instant: \"not a time??xxx")
                .endsWith("…\"");
    }

    @Test
    @DisplayName("an empty heartbeat file (caught mid-write twice) is unhealthy")
    void empty() throws IOException {
        heartbeat("");
        assertThat(run()).isEqualTo(1);
        assertThat(errText()).contains("does not hold an ISO-8601 instant");
    }

    @Test
    @DisplayName("a heartbeat path that is a directory is unhealthy, not a crash")
    void unreadable() throws IOException {
        Files.createDirectories(work.resolve("data/health"));
        assertThat(run()).isEqualTo(1);
        assertThat(errText()).startsWith("unhealthy: cannot read ");
    }

    @Test
    @DisplayName("invalid settings are unhealthy with exit 1 (never 2, which Docker reserves)")
    void badSettings() {
        assertThat(run(Map.of("DATA_DIR", "data", "HEALTH_MAX_AGE_MS", "soon"))).isEqualTo(1);
        assertThat(errText().lines().toList()).singleElement().asString()
                .startsWith("unhealthy: invalid settings: ").contains("HEALTH_MAX_AGE_MS");
    }

    @Test
    @DisplayName("the jar's command line knows the health subcommand")
    void registered() {
        CommandLine cl = new CommandLine(new updown.Main());
        assertThat(cl.getSubcommands()).containsKey("health");
        Object command = cl.getSubcommands().get("health").getCommand();
        assertThat(command).isInstanceOf(HealthCommand.class);
    }
}
