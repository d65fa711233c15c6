package updown;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import updown.cli.BacktestCommand;
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

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        return new CommandLine(new RunCommand()).execute();
    }
}
