package updown.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Captures Logback events in memory for assertions, and lets a test wait for a line (a component's own log line
 * is sometimes the only sign it has reacted). {@code everything()} lowers the root and the chatty library loggers to
 * TRACE while open, so nothing any component logs escapes the check; close() restores the levels.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Capture appender = new Capture();
    private final Map<Logger, Level> previous = new HashMap<>();

    private record Waiter(Predicate<String> match, CompletableFuture<String> done) {
    }

    private static final class Capture extends AppenderBase<ILoggingEvent> {
        private final List<String> lines = new ArrayList<>();
        private final List<Waiter> waiters = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            // doAppend holds this appender's lock
            String t = e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
            String line = e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + t;
            lines.add(line);
            Iterator<Waiter> it = waiters.iterator();
            while (it.hasNext()) {
                Waiter w = it.next();
                if (w.match().test(line)) {
                    it.remove();
                    w.done().complete(line);
                }
            }
        }
    }

    private LogCapture(String name, List<String> lowered) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        for (String l : lowered) {
            Logger lg = (Logger) LoggerFactory.getLogger(l);
            previous.put(lg, lg.getLevel());
            lg.setLevel(Level.TRACE);
        }
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Everything logged anywhere, at every level. */
    public static LogCapture everything() {
        return new LogCapture(Logger.ROOT_LOGGER_NAME,
                List.of(Logger.ROOT_LOGGER_NAME, "org.telegram", "okhttp3", "io.netty", "io.vertx", "updown"));
    }

    /** What one logger (and its children) logs at its configured level. */
    public static LogCapture of(String name) {
        return new LogCapture(name, List.of());
    }

    /** Each event as text: level, logger, formatted message and the full stack trace of any throwable. */
    public List<String> lines() {
        synchronized (appender) {
            return new ArrayList<>(appender.lines);
        }
    }

    /** Completes with the first line (already captured or still to come) containing {@code fragment}. */
    public CompletableFuture<String> awaitLine(String fragment) {
        synchronized (appender) {
            for (String l : appender.lines) {
                if (l.contains(fragment)) {
                    return CompletableFuture.completedFuture(l);
                }
            }
            CompletableFuture<String> f = new CompletableFuture<>();
            appender.waiters.add(new Waiter(l -> l.contains(fragment), f));
            return f;
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        previous.forEach(Logger::setLevel);
    }
}
