package updown;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import updown.cli.BacktestCommand;
import updown.cli.Cli;
import updown.cli.HealthCommand;
import updown.cli.RunCommand;
import updown.cli.SimulateCommand;
import updown.cli.SweepCommand;
import updown.cli.TradesCommand;

/** Entry point of {@code updown.jar}: without a subcommand it runs the 24/7 service ({@code run}). */
@Command(name = "updown", mixinStandardHelpOptions = true, version = "UpDown 1.0",
        description = "Paper (and live) trading bot for Polymarket's 5-minute Bitcoin Up or Down markets.",
        subcommands = {RunCommand.class, SimulateCommand.class, TradesCommand.class, BacktestCommand.class,
            SweepCommand.class, HealthCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // first, with only JDK classes loaded: a batch command may run in a JVM sized for it (see BatchJvm)
        java.util.OptionalInt relaunched = BatchJvm.relaunch(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        System.exit(execute(BatchJvm.withoutOptOut(args)));
    }

    /**
     * Runs the command line and returns the exit code (tests call this instead of main): 0 done, 1 failed while
     * running, 2 bad usage or settings (see {@link updown.app.ExitCodes}).
     */
    public static int execute(String... args) {
        return Cli.execute(new Main(), args);
    }

    @Override
    public Integer call() {
        // the run subcommand as built for this command line: same streams, same error handling
        return spec.subcommands().get("run").execute();
    }
}
