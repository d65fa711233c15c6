package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import updown.Main;
import updown.app.ExitCodes;
import updown.testkit.Fixtures;

/**
 * The whole command line (updown.Main, as the jar runs it) over every command: a usage or settings problem is exit
 * 2, a failure while running is exit 1, and either way stderr says what went wrong in one line, without a stack
 * trace or the usage text.
 */
@DisplayName("Exit codes: 2 for bad usage or settings, 1 for failures, one clear line on stderr, in every command")
class ExitCodesTest {
    private static final String BAD_SETTING = "invalid setting: MAX_ENTRY_PRICE=1.7: must be > 0 and <= 1";
    private static final String NOT_A_DATABASE = " is not a readable UpDown database (file is not a database); "
            + "nothing was changed";

    @TempDir
    Path work;

    /** What a case needs in the working directory before it runs. */
    enum Setup { NOTHING, TEXT_AS_DATABASE, REPORT_DIR_IS_A_FILE }

    static Stream<Arguments> cases() {
        String klines = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv").toAbsolutePath().toString();
        Map<String, String> badSetting = Map.of("MAX_ENTRY_PRICE", "1.7");
        Map<String, String> none = Map.of();
        return Stream.of(
                // usage: picocli's own parsing
                row("an unknown subcommand", none, Setup.NOTHING, 2, "updown: Unmatched argument at index 0: 'bogus'",
                        "bogus"),
                row("an unknown top-level option", none, Setup.NOTHING, 2, "updown: Unknown option: '--bogus'",
                        "--bogus"),
                row("run: an unknown option", none, Setup.NOTHING, 2,
                        "updown run: Unknown option: '--dry-runn' (did you mean --dry-run?)", "run", "--dry-runn"),
                row("simulate: a value that is not a number", none, Setup.NOTHING, 2,
                        "updown simulate: Invalid value for option '--windows'", "simulate", "--windows", "many"),
                row("simulate: a number out of range", none, Setup.NOTHING, 2, "--windows 0: must be at least 1",
                        "simulate", "--windows", "0"),
                row("backtest: no data given", none, Setup.NOTHING, 2, "updown backtest: Missing required argument",
                        "backtest"),
                row("backtest: a time that is not one", none, Setup.NOTHING, 2,
                        "updown backtest: Invalid value for option '--from'", "backtest", "--klines", klines,
                        "--from", "yesterday"),
                row("backtest: --set of a mistyped setting", none, Setup.NOTHING, 2,
                        "--set: BET_SIZ is not a setting; did you mean BET_SIZE?", "backtest", "--klines", klines,
                        "--set", "BET_SIZ=3"),
                row("sweep: no --grid", none, Setup.NOTHING, 2, "updown sweep: Missing required option: '--grid",
                        "sweep", "--klines", klines),
                row("sweep: --grid of a mistyped setting", none, Setup.NOTHING, 2,
                        "EMA_FASTT is not a setting; did you mean EMA_FAST?", "sweep", "--klines", klines,
                        "--grid", "EMA_FASTT=3,5"),
                row("trades: an unknown option", none, Setup.NOTHING, 2,
                        "updown trades: Unknown option: '--jsn' (did you mean --json?)", "trades", "--jsn"),
                row("health: an unknown option", none, Setup.NOTHING, 2, "updown health: Unknown option: '--verbose'",
                        "health", "--verbose"),
                // settings
                row("run: a bad setting", badSetting, Setup.NOTHING, 2, BAD_SETTING, "run"),
                row("simulate: a bad setting", badSetting, Setup.NOTHING, 2, BAD_SETTING, "simulate"),
                row("backtest: a bad setting", badSetting, Setup.NOTHING, 2, BAD_SETTING, "backtest", "--klines",
                        klines),
                row("sweep: a bad setting", badSetting, Setup.NOTHING, 2, "MAX_ENTRY_PRICE=1.7: must be > 0 and <= 1",
                        "sweep", "--klines", klines, "--grid", "BET_SIZE=5,10"),
                row("trades: a bad setting", badSetting, Setup.NOTHING, 2, BAD_SETTING, "trades"),
                // health is Docker's check: 0 healthy, 1 unhealthy, and Docker reserves 2
                row("health: a bad setting (Docker reserves 2)", badSetting, Setup.NOTHING, 1,
                        "unhealthy: invalid settings: MAX_ENTRY_PRICE=1.7", "health"),
                // failures while running
                row("run: the ledger is not a database", none, Setup.TEXT_AS_DATABASE, 1, NOT_A_DATABASE, "run"),
                row("trades: the ledger is not a database", none, Setup.TEXT_AS_DATABASE, 1, NOT_A_DATABASE,
                        "trades"),
                row("trades: no ledger yet", none, Setup.NOTHING, 1, "no database at ", "trades"),
                row("health: no heartbeat yet", none, Setup.NOTHING, 1, "unhealthy: no heartbeat file", "health"),
                row("backtest: the report cannot be written", none, Setup.REPORT_DIR_IS_A_FILE, 1,
                        "updown backtest: failed: ", "backtest", "--klines", klines, "--from", "2022-01-01T03:00",
                        "--to", "2022-01-01T04:00", "--out", "blocker/report"));
    }

    private static Arguments row(String what, Map<String, String> env, Setup setup, int code, String says,
                                 String... args) {
        return Arguments.of(what, env, setup, code, says, args);
    }

    @ParameterizedTest(name = "{0} -> exit {3}")
    @MethodSource("cases")
    void exitCodeAndOneLine(String what, Map<String, String> settings, Setup setup, int code, String says,
                            String[] args) throws Exception {
        Path data = work.resolve("data");
        switch (setup) {
            case TEXT_AS_DATABASE -> {
                Files.createDirectories(data);
                Files.writeString(data.resolve("updown.db"), "hello, this is not SQLite\n");
            }
            case REPORT_DIR_IS_A_FILE -> Files.writeString(work.resolve("blocker"), "a file where a folder goes");
            case NOTHING -> { }
        }
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.put("DATA_DIR", data.toString());
        env.put("PATH", "/usr/bin:/bin");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation at = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work, env);

        int exit = Cli.execute(new Main(), at, args);

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isEqualTo(code);
        // the line a replay or sweep prints when it starts, and the kline file's report, are progress, not errors;
        // what is left is the one line
        List<String> lines = stderr.lines().filter(l -> !l.startsWith("Replaying ") && !l.startsWith("Sweeping ")
                && !l.contains(" one-minute rows, first ")).toList();
        assertThat(lines).as(stderr).singleElement().asString().contains(says);
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Usage:").doesNotContain("Exception");
        if (setup == Setup.TEXT_AS_DATABASE) {
            assertThat(data.resolve("updown.db")).hasContent("hello, this is not SQLite");
            try (Stream<Path> files = Files.list(data)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("updown.db");
            }
        }
    }
}
