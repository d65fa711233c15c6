package updown.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import updown.config.ConfigLoader;
import updown.health.Freshness;
import updown.time.BotClock;

/**
 * The container's health check: exit 0 when the trader's heartbeat file (DATA_DIR/health, one ISO-8601 instant) was
 * written at most HEALTH_MAX_AGE_MS ago by {@link Freshness#tickFresh}, else exit 1 with one line saying why. It
 * starts no Vert.x and no logger and writes nothing, so running it every minute next to the bot costs one short JVM.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Exit 0 when DATA_DIR/health is at most HEALTH_MAX_AGE_MS old, else 1 with one line why.")
public final class HealthCommand implements Callable<Integer> {
    /** Docker reads 0 as healthy and 1 as unhealthy (2 is reserved), so every failure is 1. */
    static final int HEALTHY = 0;
    static final int UNHEALTHY = 1;
    /** The trader rewrites the file in place; a read that lands mid-write is retried once after this pause. */
    static final Duration REREAD_AFTER = Duration.ofMillis(200);
    private static final int MAX_QUOTED = 40;

    private final Invocation at;
    private final Clock clock;
    private final Duration rereadAfter;

    public HealthCommand() {
        this(Invocation.system());
    }

    HealthCommand(Invocation at) {
        this(at, BotClock.system(), REREAD_AFTER);
    }

    HealthCommand(Invocation at, Clock clock,
                  Duration rereadAfter) {
        this.at = at;
        this.clock = clock;
        this.rereadAfter = rereadAfter;
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigLoader.Result settings = ConfigLoader.load(at.workDir(), at.env(), Map.of());
        if (!settings.ok()) {
            return unhealthy("invalid settings: " + settings.errors().get(0)
                    + (settings.errors().size() > 1 ? " (and " + (settings.errors().size() - 1) + " more)" : ""));
        }
        Path file = at.workDir().resolve(settings.config().storage().healthFile());
        long maxAgeMs = settings.config().storage().healthMaxAgeMs();
        Optional<Instant> tick;
        try {
            tick = readTick(file);
            if (tick.isEmpty()) {
                Thread.sleep(rereadAfter.toMillis());
                tick = readTick(file);
            }
        } catch (NoSuchFileException e) {
            return unhealthy("no heartbeat file " + file + ": the trader has not ticked yet");
        } catch (IOException e) {
            return unhealthy("cannot read " + file + ": " + e.getMessage());
        }
        if (tick.isEmpty()) {
            return unhealthy(file + " does not hold an ISO-8601 instant: \"" + quoted(file) + "\"");
        }
        Instant now = clock.instant();
        Instant last = tick.get();
        long ageMs = Duration.between(last, now).toMillis();
        if (!Freshness.tickFresh(last, now, maxAgeMs)) {
            return unhealthy(ageMs >= 0
                    ? "last trader tick " + last + " is " + ageMs + " ms old (limit " + maxAgeMs + " ms)"
                    : "last trader tick " + last + " is " + -ageMs + " ms in the future (limit " + maxAgeMs + " ms)");
        }
        at.out().println("healthy: last trader tick " + last + ", " + ageMs + " ms ago (limit " + maxAgeMs + " ms)");
        return HEALTHY;
    }

    /** The instant in the file, or empty when the content is not one (garbage, or caught mid-write). */
    private static Optional<Instant> readTick(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The start of the file's content, printable and short, for the one-line reason. */
    private static String quoted(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            String clean = text.replaceAll("[\\p{Cntrl}\"]", "?");
            return clean.length() <= MAX_QUOTED ? clean : clean.substring(0, MAX_QUOTED) + "…";
        } catch (IOException e) {
            return "?";
        }
    }

    private int unhealthy(String why) {
        at.err().println("unhealthy: " + why);
        return UNHEALTHY;
    }
}
