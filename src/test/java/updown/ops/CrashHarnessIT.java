package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness: {@code simulate} at 200x from the packaged jar with the container's JVM flags, killed with
 * SIGKILL at seeded random moments (one kill in five during startup, the rest 0.3–5 s into trading), restarted each
 * time on the same DATA_DIR; every two runs share an exchange seed, so a restart meets the markets its predecessor
 * traded (and their resolutions) again. After every kill an independent reading of the SQLite file (plain JDBC, own SQL) must
 * find: every trade the process printed as TRADE, every settlement it printed as SETTLE and the balance that line
 * showed; one debit per trade and one credit per settled trade; the ledger's sum equal to deposits − Σ(amount + fee)
 * + Σ payout. Every restarted process must come back with exactly the ledger's balance. Recovery (kill → the next
 * process's first tick) and startup (launch → first tick) times are measured and reported.
 *
 * <p>Budget: about 20 × 3–6 s on 2 cores. {@code -Dcrash.kills=N -Dcrash.seed=S} change the run.
 */
@DisplayName("kill -9 at random moments: nothing lost, nothing settled twice, the ledger always adds up")
class CrashHarnessIT {
    private static final Duration TICK_LIMIT = Duration.ofSeconds(90);
    private static final long INITIAL_BALANCE = 1_000_000_000L;

    @TempDir
    Path work;

    private final TreeSet<Long> printedTrades = new TreeSet<>();
    private final TreeMap<Long, Long> printedSettleBalances = new TreeMap<>();

    @Test
    @DisplayName("20 SIGKILLs and restarts on one data dir keep every trade and settlement exactly once")
    void killNineRepeatedly() throws Exception {
        long seed = Long.getLong("crash.seed", 20_261_125L);
        int kills = Integer.getInteger("crash.kills", 20);
        Random random = new Random(seed);
        Path data = work.resolve("data");
        Path heartbeat = data.resolve("health");
        Path db = data.resolve("updown.db");
        Path log = data.resolve("logs/updown.log");
        Map<String, String> settings = SimRun.busySettings(data);
        List<Long> recoveryMs = new ArrayList<>();
        List<Long> firstTickMs = new ArrayList<>();
        int startupKills = 0;
        int bootsChecked = 0;
        Long killedAt = null;
        String context = "seed " + seed;

        for (int i = 0; i <= kills; i++) {
            boolean last = i == kills;
            String before = SimRun.heartbeat(heartbeat);
            long expectedBoot = Files.exists(db) ? LedgerAudit.read(db).ledgerSum() : 0;
            int bootsBefore = SimRun.bootBalances(log).size();
            // two runs per exchange seed: the restart after a kill replays the same markets (positions restored,
            // resolutions seen again: a settlement must not be paid twice), the next pair brings fresh markets
            long exchangeSeed = seed % 1000 + i / 2;
            JarProcess p = JarProcess.start(work, settings, List.of(JarProcess.containerFlags()), "simulate",
                    "--windows", "100000", "--speed", "200", "--seed", Long.toString(exchangeSeed),
                    // one folder for every restart: each continues the ledger its killed predecessor left
                    "--data-dir", data.toString());
            long launched = System.nanoTime();
            boolean duringStartup = !last && random.nextInt(5) == 0;
            if (duringStartup) {
                startupKills++;
                Thread.sleep(random.nextInt(1500));
            } else {
                long tick = SimRun.awaitFirstTick(p, heartbeat, before, TICK_LIMIT);
                firstTickMs.add((tick - launched) / 1_000_000);
                if (killedAt != null) {
                    recoveryMs.add((tick - killedAt) / 1_000_000);
                }
                Thread.sleep(last ? 1_000 : 300 + random.nextInt(4_700));
            }
            if (last) {
                Integer code = p.terminate(Duration.ofSeconds(10));
                assertThat(code).as("the last run stops on SIGTERM with exit 0 within 10 s").isEqualTo(0);
            } else {
                p.kill();
                killedAt = System.nanoTime();
            }
            collect(p.allLines());
            String when = context + ", after " + (last ? "the final SIGTERM" : "kill " + (i + 1)
                    + (duringStartup ? " (during startup)" : ""));

            List<Long> boots = SimRun.bootBalances(log);
            if (boots.size() > bootsBefore) {
                long boot = boots.get(bootsBefore);
                assertThat(boot).as("%s: the restarted bot's balance is the ledger's", when)
                        .isEqualTo(expectedBoot == 0 ? INITIAL_BALANCE : expectedBoot);
                bootsChecked++;
            }
            if (Files.exists(db)) {
                audit(LedgerAudit.read(db), when);
            }
        }

        LedgerAudit end = LedgerAudit.read(db);
        long settled = end.trades().values().stream().filter(t -> t.status().equals("SETTLED")).count();
        assertThat(printedTrades).as("the harness must see trades to mean anything (%s)", context).isNotEmpty();
        assertThat(printedSettleBalances).as("and settlements (%s)", context).isNotEmpty();
        assertThat(bootsChecked).as("restarts whose balance was checked").isGreaterThanOrEqualTo(kills / 2);

        String report = String.format("crash harness (%s): %d kills (%d during startup) + final SIGTERM; "
                        + "%d trades printed, %d settlements printed; database: %d trades, %d settled, %d ledger "
                        + "entries, balance %s; boot balances checked %d%n"
                        + "recovery kill -> first tick of the restarted process (ms): %s%n"
                        + "startup launch -> first tick (ms): %s%n",
                context, kills, startupKills, printedTrades.size(), printedSettleBalances.size(),
                end.trades().size(), settled, end.ledger().size(),
                java.math.BigDecimal.valueOf(end.ledgerSum(), 6).toPlainString(), bootsChecked,
                stats(recoveryMs), stats(firstTickMs));
        System.out.print(report);
        Files.writeString(Path.of("target", "crash-harness-report.txt"), report, StandardCharsets.UTF_8);
        assertThat(recoveryMs).as("every restart ticked again").isNotEmpty()
                .allSatisfy(ms -> assertThat(ms).isLessThan(TICK_LIMIT.toMillis()));
    }

    private void collect(List<String> lines) {
        for (String line : lines) {
            Matcher t = SimRun.TRADE.matcher(line);
            if (t.find()) {
                printedTrades.add(Long.parseLong(t.group(1)));
            }
            Matcher s = SimRun.SETTLE.matcher(line);
            if (s.find()) {
                Long previous = printedSettleBalances.put(Long.parseLong(s.group(1)), SimRun.micros(s.group(2)));
                assertThat(previous).as("trade %s printed as settled twice", s.group(1)).isNull();
            }
        }
    }

    private void audit(LedgerAudit a, String when) {
        assertThat(a.problems()).as("%s: the ledger file breaks a money rule", when).isEmpty();
        assertThat(a.trades().keySet()).as("%s: every trade printed as TRADE is stored", when)
                .containsAll(printedTrades);
        for (Map.Entry<Long, Long> e : printedSettleBalances.entrySet()) {
            LedgerAudit.TradeRow t = a.trades().get(e.getKey());
            assertThat(t).as("%s: settled trade %d is stored", when, e.getKey()).isNotNull();
            assertThat(t.status()).as("%s: trade %d printed as settled is SETTLED", when, e.getKey())
                    .isEqualTo("SETTLED");
            assertThat(a.balanceAfterCreditOf(e.getKey()))
                    .as("%s: the balance printed with settlement %d is the ledger's at its credit", when, e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    private static String stats(List<Long> ms) {
        if (ms.isEmpty()) {
            return "none";
        }
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("n=%d min=%d median=%d p90=%d max=%d", s.size(), s.get(0), s.get(s.size() / 2),
                s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.9) - 1)), s.get(s.size() - 1));
    }
}
