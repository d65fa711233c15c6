package updown.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import updown.app.ErrorLine;
import updown.app.ExitCodes;

/**
 * Runs a command line with the project's exit codes and error style: a usage or settings problem is exit
 * {@link ExitCodes#CONFIG} (2) with one line on stderr naming it, a failure while running is exit
 * {@link ExitCodes#FAILURE} (1) with one line, never a stack trace or the whole usage text (that is what
 * {@code --help} is for). Every command is built with the same {@link Invocation}, so a test can run the real
 * command line on its own streams, directory and environment.
 */
public final class Cli {
    private Cli() {
    }

    /** The process's command line: {@code root} is the top command ({@code updown.Main}). */
    public static int execute(Object root, String... args) {
        return execute(root, Invocation.system(), args);
    }

    static int execute(Object root, Invocation at, String... args) {
        return commandLine(root, at).execute(args);
    }

    static CommandLine commandLine(Object root, Invocation at) {
        CommandLine cl = new CommandLine(root, new Factory(at));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(at.out(), true));
        cl.setErr(new PrintWriter(at.err(), true));
        cl.setParameterExceptionHandler(Cli::usageError);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failure(e, line));
        return cl;
    }

    /** "{@code updown simulate: Unknown option: '--windowz' (did you mean --windows?); see --help}". */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        StringBuilder msg = new StringBuilder(line.getCommandSpec().qualifiedName()).append(": ")
                .append(ErrorLine.firstLine(e.getMessage()));
        if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                msg.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
            }
        }
        msg.append("; see '").append(line.getCommandSpec().qualifiedName()).append(" --help'");
        line.getErr().println(msg);
        line.getErr().flush();
        return ExitCodes.CONFIG;
    }

    /** An exception no command turned into its own message: one line; the stack trace only in the debug log. */
    private static int failure(Exception e, CommandLine line) {
        LoggerFactory.getLogger(Cli.class).debug("{} failed", line.getCommandName(), e);
        line.getErr().println(line.getCommandSpec().qualifiedName() + ": failed: " + ErrorLine.describe(e));
        line.getErr().flush();
        return ExitCodes.FAILURE;
    }

    /** Builds the commands that take an {@link Invocation} with it, everything else the usual way. */
    private record Factory(Invocation at) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> withInvocation = cls.getDeclaredConstructor(Invocation.class);
                return withInvocation.newInstance(at);
            } catch (NoSuchMethodException plain) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
