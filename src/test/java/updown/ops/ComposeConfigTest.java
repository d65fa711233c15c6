package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml checked by Compose itself: {@code docker-compose config -q} (Debian's docker-compose 1.29)
 * validates the file against the Compose schema and resolves env_file without a Docker engine. It runs in a copy
 * of the file next to .env.example copied to .env, as on the VPS after {@code cp .env.example .env}.
 */
@DisplayName("docker-compose.yml passes Compose's own validation")
class ComposeConfigTest {
    private static final String TOOL = "docker-compose";

    @TempDir
    Path dir;

    @BeforeAll
    static void toolInstalled() throws IOException {
        boolean found = false;
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !folder.isEmpty() && Files.isExecutable(Path.of(folder, TOOL));
        }
        assertThat(found).withFailMessage(TOOL + " is not installed: run scripts/test.sh, or "
                + "apt-get install docker-compose").isTrue();
    }

    private record Result(int code, String output) {
    }

    private Result config(String composeFile) throws Exception {
        return compose("-f", composeFile, "config", "-q");
    }

    private Result compose(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TOOL));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    @DisplayName("the repository's docker-compose.yml with .env.example as .env is valid")
    void valid() throws Exception {
        Files.copy(Path.of("docker-compose.yml"), dir.resolve("docker-compose.yml"));
        Files.copy(Path.of(".env.example"), dir.resolve(".env"));
        Result r = config("docker-compose.yml");
        assertThat(r.code()).as(r.output()).isZero();
    }

    @Test
    @DisplayName("the same check rejects a compose file with an unknown option and a wrongly typed one")
    void rejectsBroken() throws Exception {
        String good = Files.readString(Path.of("docker-compose.yml"), StandardCharsets.UTF_8);
        String broken = good
                .replace("    restart: unless-stopped\n", "    restart: unless-stopped\n    restrat: always\n")
                .replace("    stop_grace_period: 20s\n", "    stop_grace_period: [20]\n");
        assertThat(broken).isNotEqualTo(good).contains("restrat").contains("[20]");
        Files.writeString(dir.resolve("docker-compose.yml"), broken, StandardCharsets.UTF_8);
        Files.copy(Path.of(".env.example"), dir.resolve(".env"));
        Result r = config("docker-compose.yml");
        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains("is invalid").contains("restrat");
    }

    @Test
    @DisplayName("--profile fleet adds PostgreSQL, Prometheus and Grafana; without it only the one bot container runs")
    void fleetProfile() throws Exception {
        Files.copy(Path.of("docker-compose.yml"), dir.resolve("docker-compose.yml"));
        Files.copy(Path.of(".env.example"), dir.resolve(".env"));
        Result r = compose("--profile", "fleet", "config");
        assertThat(r.code()).as(r.output()).isZero();
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(r.output()).path("services");
        assertThat(services.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("updown", "postgres", "prometheus", "grafana");
        assertThat(services.path("updown").has("profiles")).as("the bot is in every setup").isFalse();
        for (String fleet : List.of("postgres", "prometheus", "grafana")) {
            assertThat(services.path(fleet).path("profiles").toString()).as(fleet).isEqualTo("[\"fleet\"]");
        }
        assertThat(services.path("updown").path("environment").path("METRICS_HOST").asText()).isEqualTo("0.0.0.0");
        // the files the fleet's services mount are the ones this repository ships
        String mounts = services.path("prometheus").path("volumes").toString()
                + services.path("grafana").path("volumes").toString();
        for (String shipped : List.of("deploy/prometheus/prometheus.yml", "deploy/grafana/provisioning",
                "deploy/grafana/dashboards")) {
            assertThat(mounts).contains(dir.resolve(shipped).toString());
            assertThat(Path.of(shipped)).exists();
        }
        // what they show is on the host's loopback only
        assertThat(services.path("prometheus").path("ports").toString()).contains("127.0.0.1:9090:9090");
        assertThat(services.path("grafana").path("ports").toString()).contains("127.0.0.1:3000:3000");
        assertThat(services.path("postgres").has("ports")).as("the database is not published").isFalse();
    }

    @Test
    @DisplayName("and fails without the .env file that env_file names")
    void needsEnvFile() throws Exception {
        Files.copy(Path.of("docker-compose.yml"), dir.resolve("docker-compose.yml"));
        Result r = config("docker-compose.yml");
        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains(".env");
    }
}
