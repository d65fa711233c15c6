package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.config.ConfigLoader;

@DisplayName("deploy/inject-env.sh writes GitHub secrets into a fresh .env")
class InjectEnvTest {
    @TempDir
    Path dir;

    private record Result(int code, String output) {
    }

    private Result inject(String stdin) throws Exception {
        Process p = new ProcessBuilder("bash", Path.of("deploy/inject-env.sh").toAbsolutePath().toString(), ".env")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private void freshEnv() throws IOException {
        Files.copy(Path.of(".env.example"), dir.resolve(".env"));
    }

    @Test
    @DisplayName("values replace the example's lines literally ($ and spaces kept), empty ones keep the default")
    void writes() throws Exception {
        freshEnv();
        Result r = inject("TELEGRAM_BOT_TOKEN=123456:AAbb$HOME-x_y\nDASHBOARD_TOKEN=\nTELEGRAM_CHAT_ID=-100 42\n"
                + "BET_SIZE=12\n");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("3 setting(s) written");
        List<String> lines = Files.readAllLines(dir.resolve(".env"));
        assertThat(lines).contains("TELEGRAM_BOT_TOKEN='123456:AAbb$HOME-x_y'", "DASHBOARD_TOKEN=", "BET_SIZE='12'")
                .filteredOn(l -> l.startsWith("TELEGRAM_BOT_TOKEN=")).hasSize(1);
        // what the bot reads from that file
        ConfigLoader.Result loaded = ConfigLoader.load(dir, Map.of(), Map.of());
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.config().telegram().botToken().reveal()).isEqualTo("123456:AAbb$HOME-x_y");
        assertThat(loaded.config().telegram().chatId()).isEqualTo("-100 42");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(".env")))).as("only the deploy user reads it").isEqualTo("rw-------");
    }

    @Test
    @DisplayName("a value with a quote or a malformed line fails the deploy, names only the key, changes nothing")
    void refuses() throws Exception {
        freshEnv();
        byte[] before = Files.readAllBytes(dir.resolve(".env"));
        Result quote = inject("PRIVATE_KEY=abc'def-secret\n");
        assertThat(quote.code()).isEqualTo(1);
        assertThat(quote.output()).contains("PRIVATE_KEY").doesNotContain("abc'def-secret");
        Result bad = inject("not a setting\n");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(Files.readAllBytes(dir.resolve(".env"))).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(".env");
        }
    }

    @Test
    @DisplayName("a setting missing from the example is appended")
    void appends() throws Exception {
        Files.writeString(dir.resolve(".env"), "A=1\n");
        assertThat(inject("B_2=two").code()).isZero();
        assertThat(Files.readAllLines(dir.resolve(".env"))).containsExactly("A=1", "B_2='two'");
    }
}
