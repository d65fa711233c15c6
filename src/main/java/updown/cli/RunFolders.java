package updown.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One folder per run under a root ({@code DATA_DIR/simulate}, {@code DATA_DIR/backtest}, {@code DATA_DIR/sweep}),
 * named by its UTC start time ({@code 20260512-000030}), with {@code .2}, {@code .3}, … when several runs start in the
 * same second. A folder is created atomically by the run that gets it, so two runs never share one.
 */
public final class RunFolders {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern RUN = Pattern.compile("(\\d{8}-\\d{6})(?:\\.(\\d{1,9}))?");
    /** Newest last: by start second, then by the suffix (none = 1). */
    private static final Comparator<Path> ORDER = Comparator
            .comparing((Path p) -> matcher(p).group(1))
            .thenComparingLong(p -> matcher(p).group(2) == null ? 1 : Long.parseLong(matcher(p).group(2)));

    private RunFolders() {
    }

    /** Creates and returns a new, empty folder under {@code root} for a run started at {@code now}. */
    public static Path create(Path root, Instant now) throws IOException {
        Files.createDirectories(root);
        String base = NAME.format(now);
        for (int n = 1; ; n++) {
            Path dir = root.resolve(n == 1 ? base : base + "." + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // another run of the same second has it: take the next suffix
            }
        }
    }

    /** The newest run folder under {@code root}, if any. */
    public static Optional<Path> newest(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).filter(p -> matcher(p).matches()).max(ORDER);
        }
    }

    private static Matcher matcher(Path p) {
        Matcher m = RUN.matcher(p.getFileName().toString());
        m.matches();
        return m;
    }
}
