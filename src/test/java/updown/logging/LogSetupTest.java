package updown.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.config.BotConfig;
import updown.testkit.TestConfig;

/**
 * The logging as the bot sets it up (logback.xml, then {@link LogSetup#install}), on a private LoggerContext with
 * System.out/err captured: canary secrets logged every way they could leak never reach a file or the console.
 */
@DisplayName("logging: rolling files under DATA_DIR/logs, a separate audit.log, secrets masked everywhere")
class LogSetupTest {
    private static final String TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_x";
    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final String DASH = "dash-Canary-7f3k2";
    private static final String API_SECRET = "c2VjcmV0LWNhbmFyeS1hcGk=";
    private static final String PASSPHRASE = "passphrase-canary-9";
    private static final List<String> CANARIES = List.of(TOKEN, KEY, DASH, API_SECRET, PASSPHRASE, "eyJcanary.tok");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;
    private String target;
    private String level;
    private LoggerContext context;

    @BeforeEach
    void console() throws Exception {
        realOut = System.out;
        realErr = System.err;
        target = System.getProperty("updown.console.target");
        level = System.getProperty("updown.console.level");
        System.setProperty("updown.console.target", "System.out");
        System.setProperty("updown.console.level", "INFO");
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(LogSetupTest.class.getResource("/logback.xml"));
    }

    @AfterEach
    void restore() {
        context.stop();
        System.setOut(realOut);
        System.setErr(realErr);
        restore("updown.console.target", target);
        restore("updown.console.level", level);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static List<Appender<ILoggingEvent>> appenders(Logger logger) {
        List<Appender<ILoggingEvent>> list = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
            list.add(it.next());
        }
        return list;
    }

    private static BotConfig configWithCanaries() {
        return TestConfig.with(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_CHAT_ID", "42", "DASHBOARD_TOKEN", DASH,
                "PRIVATE_KEY", "0x" + KEY, "CLOB_API_SECRET", API_SECRET, "CLOB_API_PASSPHRASE", PASSPHRASE));
    }

    @Test
    @DisplayName("logback.xml alone writes no file: only the masked console (unit tests leave no logs behind)")
    void consoleOnlyUntilInstalled() {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(appenders(root)).singleElement().isInstanceOf(ConsoleAppender.class)
                .satisfies(a -> assertThat(LogSetup.maskingLayoutOf(a)).isNotNull());
        assertThat(context.getLoggerList()).allSatisfy(l -> assertThat(appenders(l))
                .noneMatch(a -> a instanceof RollingFileAppender));
    }

    @Test
    @DisplayName("every Secret in the settings is found for masking")
    void secretsOfConfig() {
        assertThat(LogSetup.secretsOf(configWithCanaries()))
                .containsExactlyInAnyOrder(TOKEN, DASH, "0x" + KEY, API_SECRET, PASSPHRASE);
        assertThat(LogSetup.secretsOf(TestConfig.defaults())).isEmpty();
    }

    @Test
    @DisplayName("canary secrets logged in messages, arguments, exceptions and audit lines reach no file and no console")
    void canariesNeverLeak() throws Exception {
        Path logs = dir.resolve("logs");
        LogSetup.install(context, logs, SecretMasker.of(LogSetup.secretsOf(configWithCanaries())));
        Logger log = context.getLogger("updown.notify.TelegramGateway");
        log.info("polling https://api.telegram.org/bot{}/getUpdates", TOKEN);
        log.warn("signing with 0x{} (bare: {})", KEY, KEY);
        log.info("dashboard token is {}", DASH);
        log.error("order failed", new IllegalStateException("401 for Authorization: Bearer eyJcanary.tok with secret "
                + API_SECRET, new RuntimeException("passphrase " + PASSPHRASE)));
        context.getLogger(LogSetup.AUDIT_LOGGER).info("telegram user=7 what=\"/start {}\" result=ok", TOKEN);
        context.stop();

        String main = Files.readString(logs.resolve(LogSetup.MAIN_FILE));
        String audit = Files.readString(logs.resolve(LogSetup.AUDIT_FILE));
        String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(main).contains("polling https://api.telegram.org/bot***/getUpdates", "signing with *** (bare: ***)",
                "dashboard token is ***", "java.lang.IllegalStateException", "Bearer ***", "passphrase ***");
        assertThat(audit).contains("telegram user=7 what=\"/start ***\" result=ok").doesNotContain("order failed");
        assertThat(console).contains("dashboard token is ***", "telegram user=7");
        for (String canary : CANARIES) {
            assertThat(main).as("updown.log").doesNotContain(canary);
            assertThat(audit).as("audit.log").doesNotContain(canary);
            assertThat(console).as("console").doesNotContain(canary);
        }
    }

    @Test
    @DisplayName("the files roll by size and day with a cap on their total; installing twice keeps one of each")
    void rollingLimits() {
        Path logs = dir.resolve("logs");
        LogSetup.install(context, logs, SecretMasker.shapesOnly());
        LogSetup.install(context, logs, SecretMasker.shapesOnly());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> files = appenders(root).stream()
                .filter(a -> a instanceof RollingFileAppender).toList();
        assertThat(files).hasSize(1);
        RollingFileAppender<ILoggingEvent> main = (RollingFileAppender<ILoggingEvent>) files.get(0);
        assertThat(Path.of(main.getFile())).isEqualTo(logs.resolve("updown.log").toAbsolutePath());
        SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) main.getRollingPolicy();
        assertThat(policy.getFileNamePattern()).endsWith("updown.%d{yyyy-MM-dd}.%i.log.gz");
        assertThat(policy.getMaxHistory()).isEqualTo(LogSetup.MAIN_LIMITS.maxDays());
        assertThat(appenders(context.getLogger(LogSetup.AUDIT_LOGGER))).hasSize(1);
    }
}
