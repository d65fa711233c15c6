package updown.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a subcommand runs: its output streams, working directory and environment. The real process passes
 * {@link #system()}; tests pass captured streams, a temporary directory and their own variables, so a command
 * never has to touch the process's globals to be tested.
 */
record Invocation(PrintStream out, PrintStream err, Path workDir, Map<String, String> env) {

    static Invocation system() {
        return new Invocation(System.out, System.err, Path.of(""), System.getenv());
    }
}
