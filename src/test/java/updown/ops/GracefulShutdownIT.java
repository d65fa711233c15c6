package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SIGTERM: the packaged bot stops in order and exits 0 within 10 s, its ledger consistent")
class GracefulShutdownIT {
    @TempDir
    Path work;

    @Test
    @DisplayName("simulate, trading, gets SIGTERM: exit 0 within 10 s, summary printed, ledger closed cleanly")
    void sigtermWhileTrading() throws Exception {
        Path data = work.resolve("data");
        try (JarProcess p = JarProcess.start(work, SimRun.busySettings(data), List.of(JarProcess.containerFlags()),
                "simulate", "--windows", "100000", "--speed", "200", "--seed", "5", "--data-dir", data.toString())) {
            SimRun.awaitFirstTick(p, data.resolve("health"), null, Duration.ofSeconds(90));
            // let it trade: until the first TRADE line, or 20 s of ticking
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && p.lines().stream().noneMatch(l -> l.startsWith("TRADE"))) {
                Thread.sleep(20);
            }
            long sent = System.nanoTime();
            Integer code = p.terminate(Duration.ofSeconds(10));
            long tookMs = (System.nanoTime() - sent) / 1_000_000;
            assertThat(code).as("exit code after SIGTERM (null = still running after 10 s)\n%s", p.stderrTail())
                    .isEqualTo(0);
            System.out.println("SIGTERM -> exit 0 in " + tookMs + " ms");
            List<String> out = p.allLines();
            assertThat(out).as("the orderly stop prints the summary\n%s", p.stderrTail()).contains("Summary");

            LedgerAudit audit = LedgerAudit.read(data.resolve("updown.db"));
            assertThat(audit.problems()).isEmpty();
            assertThat(audit.ledger()).isNotEmpty();
            out.stream().map(SimRun.TRADE::matcher).filter(java.util.regex.Matcher::find)
                    .forEach(m -> assertThat(audit.trades()).containsKey(Long.parseLong(m.group(1))));
            // the last connection closed normally: SQLite checkpointed the write-ahead log and removed it
            Path wal = data.resolve("updown.db-wal");
            assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL left behind after a clean stop").isTrue();
        }
    }
}
