package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import updown.app.StopSignal;
import updown.app.ExitCodes;

@DisplayName("simulate checks its options before anything starts or is written")
class SimulateCommandTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--speed   | 0    | --speed 0: must be > 0 and at most 600 (simulated seconds per real second)",
        "--speed   | -5   | --speed -5: must be > 0 and at most 600 (simulated seconds per real second)",
        "--speed   | 601  | --speed 601: must be > 0 and at most 600 (simulated seconds per real second)",
        "--speed   | 5000 | --speed 5000: must be > 0 and at most 600 (simulated seconds per real second)",
        "--speed   | NaN  | --speed NaN: must be > 0 and at most 600 (simulated seconds per real second)",
        "--windows | 0    | --windows 0: must be at least 1",
    })
    @DisplayName("a bad value exits 2 with one line naming the option and its limits; no data folder is created")
    void badOption(String option, String value, String message, @TempDir Path workDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SimulateCommand simulate = new SimulateCommand(new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workDir,
                Map.of("DATA_DIR", workDir.resolve("data").toString())), StopSignal::manual);

        int exit = new CommandLine(simulate).execute(option, value);

        assertThat(exit).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(workDir.resolve("data")).doesNotExist();
    }
}
