package updown.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/** Batch commands (backtest, sweep): the console log goes to stderr at WARN, stdout carries their results. */
final class CommandLogging {
    private CommandLogging() {
    }

    static void quiet() {
        quiet(Level.WARN);
    }

    /** Console log to stderr at {@code level} and above. */
    static void quiet(Level level) {
        System.setProperty("updown.console.target", "System.err");
        System.setProperty("updown.console.level", level.toString());
        // the root logger too: INFO lines of a million replayed ticks would cost time even when filtered out
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(level);
        }
    }
}
