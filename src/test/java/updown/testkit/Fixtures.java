package updown.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the real wire samples in {@code ../shared/fixtures/} and the data in {@code ../shared/data/}. The location
 * comes from the {@code updown.shared.dir} system property (set by the build), else {@code ../shared}.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path sharedDir() {
        String p = System.getProperty("updown.shared.dir");
        Path dir = p != null ? Path.of(p) : Path.of("..", "shared");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared directory not found at " + dir.toAbsolutePath()
                    + " (CI checks it out beside the repository)");
        }
        return dir;
    }

    /** A fixture file, e.g. {@code fixture("clob/book-btc-updown-5m-1778584200-up-midwindow.json")}. */
    public static Path fixturePath(String relative) {
        return sharedDir().resolve("fixtures").resolve(relative);
    }

    public static String fixture(String relative) {
        return read(fixturePath(relative));
    }

    public static Path dataPath(String relative) {
        return sharedDir().resolve("data").resolve(relative);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
