package updown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchJvmTest {
    private static final Properties NO_PROPS = new Properties();

    private static Optional<List<String>> flags(List<String> jvmArgs, Map<String, String> env, String... args) {
        return BatchJvm.flags(args, jvmArgs, env, NO_PROPS, 2);
    }

    @Test
    @DisplayName("a backtest runs with a 128 MB heap, the serial collector and a later optimising compiler")
    void backtestFlags() {
        assertThat(flags(List.of(), Map.of(), "backtest", "--klines", "a.csv", "--json"))
                .contains(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:Tier4InvocationThreshold=30000",
                        "-XX:Tier4CompileThreshold=30000"));
    }

    @Test
    @DisplayName("a sweep's heap is a base plus 64 MB per parallel run, --threads or else the cores")
    void sweepHeapGrowsWithThreads() {
        assertThat(flags(List.of(), Map.of(), "sweep", "--grid", "X=1,2").orElseThrow()).contains("-Xmx224m");
        assertThat(flags(List.of(), Map.of(), "sweep", "--threads", "4").orElseThrow()).contains("-Xmx352m");
        assertThat(flags(List.of(), Map.of(), "sweep", "--threads=1").orElseThrow()).contains("-Xmx160m");
        assertThat(BatchJvm.threads(new String[] {"sweep", "--threads", "many"}, 3)).isEqualTo(3);
    }

    @Test
    @DisplayName("the service, the other commands and an empty command line run in the JVM they were started in")
    void otherCommandsStay() {
        assertThat(flags(List.of(), Map.of())).isEmpty();
        assertThat(flags(List.of(), Map.of(), "run")).isEmpty();
        assertThat(flags(List.of(), Map.of(), "trades", "backtest")).isEmpty();
        assertThat(flags(List.of(), Map.of(), "--help")).isEmpty();
    }

    @Test
    @DisplayName("JVM flags the user gave (heap, -XX, agents) win: no relaunch; system properties alone do not count")
    void usersFlagsWin() {
        assertThat(flags(List.of("-Xmx64m"), Map.of(), "backtest")).isEmpty();
        assertThat(flags(List.of("-XX:+UseG1GC"), Map.of(), "sweep")).isEmpty();
        assertThat(flags(List.of("-agentlib:jdwp=transport=dt_socket"), Map.of(), "backtest")).isEmpty();
        assertThat(flags(List.of("-javaagent:x.jar"), Map.of(), "backtest")).isEmpty();
        assertThat(flags(List.of("-Dfoo=bar"), Map.of(), "backtest")).isPresent();
    }

    @Test
    @DisplayName("the child, UPDOWN_NO_RELAUNCH=1 and --no-relaunch do not relaunch; --no-relaunch is taken off the line")
    void optOuts() {
        Properties child = new Properties();
        child.setProperty(BatchJvm.MARKER, "true");
        assertThat(BatchJvm.flags(new String[] {"backtest"}, List.of(), Map.of(), child, 2)).isEmpty();
        assertThat(flags(List.of(), Map.of("UPDOWN_NO_RELAUNCH", "1"), "backtest")).isEmpty();
        assertThat(flags(List.of(), Map.of(), "backtest", "--no-relaunch", "--json")).isEmpty();
        assertThat(BatchJvm.withoutOptOut(new String[] {"backtest", "--no-relaunch", "--json"}))
                .containsExactly("backtest", "--json");
    }

    @Test
    @DisplayName("the child starts the same way: -jar for java -jar (the manifest's opens apply), else the class path")
    void launchTarget() {
        assertThat(BatchJvm.launchTarget("target/updown.jar", "target/updown.jar backtest --json"))
                .containsExactly("-jar", "target/updown.jar");
        assertThat(BatchJvm.launchTarget("a.jar:b.jar", "updown.Main backtest"))
                .containsExactly("-cp", "a.jar:b.jar", "updown.Main");
    }

    @Test
    @DisplayName("the class archive: written by a first run under a name of its own, moved into place, mapped after")
    void archive(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("updown.jar"), "not really a jar");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
        BatchJvm.Archive first = BatchJvm.Archive.of(env, jar.toString(), "17.0.15");
        assertThat(first.fresh()).isNotNull();
        assertThat(first.flags()).contains("-XX:ArchiveClassesAtExit=" + first.fresh());
        Files.writeString(first.fresh(), "archive"); // what the child would dump at exit
        first.keep();
        assertThat(first.file()).exists().hasParent(dir.resolve("cache").resolve("updown"));
        assertThat(first.fresh()).doesNotExist();

        BatchJvm.Archive later = BatchJvm.Archive.of(env, jar.toString(), "17.0.15");
        assertThat(later.fresh()).isNull();
        assertThat(later.flags()).contains("-XX:SharedArchiveFile=" + first.file());
        // another JVM or a rebuilt jar: another archive
        assertThat(BatchJvm.Archive.of(env, jar.toString(), "21.0.1").file()).isNotEqualTo(first.file());
        assertThat(BatchJvm.Archive.of(env, "a.jar" + java.io.File.pathSeparator + "b.jar", "17")).isNull();
    }

    @Test
    @DisplayName("older builds' archives are deleted: the three newest stay")
    void prune(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 5; i++) {
            Path f = Files.writeString(dir.resolve("cds-" + i + "a.jsa"), "x");
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.writeString(dir.resolve("notes.txt"), "kept");
        BatchJvm.Archive.prune(dir, 3);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("cds-2a.jsa", "cds-3a.jsa", "cds-4a.jsa", "notes.txt");
        }
    }
}
