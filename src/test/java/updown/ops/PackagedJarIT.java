package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar the build produced, driven exactly as the Dockerfile drives it. */
@DisplayName("the packaged jar answers the Dockerfile's health check and starts from its manifest")
class PackagedJarIT {
    @TempDir
    Path work;

    @Test
    @DisplayName("the jar's manifest starts updown.Main")
    void manifest() throws IOException {
        try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("updown.Main");
        }
    }

    @Test
    @DisplayName("the HEALTHCHECK command of the Dockerfile, run on the built jar: 0 when fresh, 1 when stale")
    void healthcheckCommand() throws Exception {
        DockerfileModel docker = DockerfileModel.parse(Path.of("Dockerfile"));
        List<String> check = docker.healthcheckCommand();
        Files.createDirectories(work.resolve("data"));
        Files.writeString(work.resolve("data/health"), Instant.now().minusSeconds(3) + "\n");
        Result fresh = run(check);
        assertThat(fresh.code()).as(fresh.output()).isZero();
        assertThat(fresh.output()).startsWith("healthy: ");

        Files.writeString(work.resolve("data/health"), Instant.now().minusSeconds(600) + "\n");
        Result stale = run(check);
        assertThat(stale.code()).isEqualTo(1);
        assertThat(stale.output().strip()).startsWith("unhealthy: ").doesNotContain("\n");
    }

    private record Result(int code, String output) {
    }

    /** Runs the exec-form command with the image's jar path replaced by the built jar, in /app's stand-in. */
    private Result run(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>();
        for (String part : command) {
            cmd.add(part.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                    : part.equals(DockerfileModel.IMAGE_JAR) ? JarProcess.jar().toString() : part);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
        env.put("DATA_DIR", "data");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
