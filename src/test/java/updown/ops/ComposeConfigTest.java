package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Process p = new ProcessBuilder(TOOL, "-f", composeFile, "config", "-q").directory(dir.toFile())
                .redirectErrorStream(true).start();
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
    @DisplayName("and fails without the .env file that env_file names")
    void needsEnvFile() throws Exception {
        Files.copy(Path.of("docker-compose.yml"), dir.resolve("docker-compose.yml"));
        Result r = config("docker-compose.yml");
        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains(".env");
    }
}
