package updown.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.config.Secret;

/**
 * Completes the logging set up by {@code logback.xml} once the settings are known: a rolling {@code updown.log} and
 * a separate {@code audit.log} (the {@code audit} logger: Telegram and dashboard commands) under DATA_DIR/logs, and
 * every configured secret registered with the masking layout of every appender, console included.
 *
 * <p>Done in code rather than in logback.xml so the log directory comes from the validated settings and a unit test
 * that never calls this writes no log file anywhere.
 */
public final class LogSetup {
    public static final String MAIN_FILE = "updown.log";
    public static final String AUDIT_FILE = "audit.log";
    public static final String AUDIT_LOGGER = "audit";
    static final String FILE_APPENDER = "FILE";
    static final String AUDIT_APPENDER = "AUDIT_FILE";
    /** Same shape as the console: ISO time with zone, level, logger, message. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level [%logger{20}] %msg%n";

    /** Rolling limits: daily files cut at {@code maxFileSize}, kept {@code maxDays}, never more than {@code cap}. */
    record Limits(String maxFileSize, int maxDays, String cap) {
    }

    static final Limits MAIN_LIMITS = new Limits("10MB", 14, "200MB");
    static final Limits AUDIT_LIMITS = new Limits("5MB", 90, "50MB");

    private LogSetup() {
    }

    /** Installs the files under {@code config.storage().logDir()} and the config's secrets, on the global context. */
    public static void install(BotConfig config) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            install(context, config.storage().logDir(), SecretMasker.of(secretsOf(config)));
        }
    }

    /**
     * Installs (or re-installs: idempotent) the two rolling files in {@code logDir} on {@code context}, and gives
     * {@code masker} to every appender's masking layout.
     */
    public static void install(LoggerContext context, Path logDir, SecretMasker masker) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger audit = context.getLogger(AUDIT_LOGGER);
        replace(root, FILE_APPENDER, rolling(context, FILE_APPENDER, logDir, "updown", masker, MAIN_LIMITS));
        replace(audit, AUDIT_APPENDER, rolling(context, AUDIT_APPENDER, logDir, "audit", masker, AUDIT_LIMITS));
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                MaskingLayout layout = maskingLayoutOf(it.next());
                if (layout != null) {
                    layout.useMasker(masker);
                }
            }
        }
    }

    /** The masking layout an appender writes through, or null when it has none. */
    static MaskingLayout maskingLayoutOf(Appender<ILoggingEvent> appender) {
        if (appender instanceof OutputStreamAppender<ILoggingEvent> out) {
            Encoder<ILoggingEvent> encoder = out.getEncoder();
            if (encoder instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping
                    && wrapping.getLayout() instanceof MaskingLayout layout) {
                return layout;
            }
        }
        return null;
    }

    /**
     * Every {@link Secret} value in the settings, found by walking the config records, so a secret setting added
     * later is masked without anyone remembering to list it here.
     */
    public static List<String> secretsOf(BotConfig config) {
        List<String> out = new ArrayList<>();
        collect(config, out, 0);
        return out;
    }

    private static void collect(Object value, List<String> out, int depth) {
        if (value instanceof Secret s) {
            if (s.isPresent()) {
                out.add(s.reveal());
            }
            return;
        }
        if (value == null || depth > 3 || !value.getClass().isRecord()) {
            return;
        }
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            try {
                collect(c.getAccessor().invoke(value), out, depth + 1);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read setting " + c.getName(), e);
            }
        }
    }

    private static void replace(Logger logger, String name, Appender<ILoggingEvent> next) {
        Appender<ILoggingEvent> old = logger.getAppender(name);
        logger.addAppender(next);
        if (old != null) {
            logger.detachAppender(old);
            old.stop();
        }
    }

    private static RollingFileAppender<ILoggingEvent> rolling(LoggerContext context, String name, Path dir,
                                                             String base, SecretMasker masker, Limits limits) {
        MaskingLayout layout = new MaskingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.useMasker(masker);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(dir.resolve(base + ".log").toAbsolutePath().toString());
        appender.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.toAbsolutePath() + "/" + base + ".%d{yyyy-MM-dd}.%i.log.gz");
        policy.setMaxFileSize(FileSize.valueOf(limits.maxFileSize()));
        policy.setMaxHistory(limits.maxDays());
        policy.setTotalSizeCap(FileSize.valueOf(limits.cap()));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.start();
        return appender;
    }
}
