package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Run folders: one new folder per run, named by its UTC start, the newest found again")
class RunFoldersTest {
    static final Instant T = Instant.parse("2026-05-12T00:00:30Z");

    @Test
    @DisplayName("runs of the same second get 20260512-000030, .2, .3 …; none is handed out twice")
    void sameSecond(@TempDir Path root) throws Exception {
        Path a = RunFolders.create(root.resolve("simulate"), T);
        Path b = RunFolders.create(root.resolve("simulate"), T);
        Path c = RunFolders.create(root.resolve("simulate"), T.plusMillis(999));

        assertThat(a.getFileName()).hasToString("20260512-000030");
        assertThat(b.getFileName()).hasToString("20260512-000030.2");
        assertThat(c.getFileName()).hasToString("20260512-000030.3");
        assertThat(a).isEmptyDirectory();
    }

    @Test
    @DisplayName("the newest is the latest second, then the highest suffix (.10 after .9); other names are ignored")
    void newest(@TempDir Path root) throws Exception {
        assertThat(RunFolders.newest(root.resolve("missing"))).isEmpty();
        for (int i = 0; i < 10; i++) {
            RunFolders.create(root, T);
        }
        assertThat(RunFolders.newest(root)).contains(root.resolve("20260512-000030.10"));
        RunFolders.create(root, T.plusSeconds(60));
        Files.createDirectory(root.resolve("zzz-not-a-run"));
        Files.writeString(root.resolve("20991231-235959"), "a file, not a run");
        assertThat(RunFolders.newest(root)).contains(root.resolve("20260512-000130"));
    }
}
