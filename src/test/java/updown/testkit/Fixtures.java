package updown.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the real wire samples in {@code src/test/resources/fixtures/} (sources in its SOURCES.md) and the sample
 * market data in {@code examples/} (provenance and licences in its README.md). Both live in this repository; the
 * project directory comes from the {@code updown.project.dir} system property (set by the build), else the
 * working directory.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path projectDir() {
        String p = System.getProperty("updown.project.dir");
        return p != null ? Path.of(p) : Path.of("");
    }

    /** A fixture file, e.g. {@code fixture("clob/book-btc-updown-5m-1778584200-up-midwindow.json")}. */
    public static Path fixturePath(String relative) {
        return existing(projectDir().resolve("src/test/resources/fixtures").resolve(relative));
    }

    public static String fixture(String relative) {
        return read(fixturePath(relative));
    }

    /** A sample data file, e.g. {@code dataPath("btc/btc-perp-20211231-20220201_1m.csv")}. */
    public static Path dataPath(String relative) {
        return existing(projectDir().resolve("examples").resolve(relative));
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException("test data not found: " + p.toAbsolutePath());
        }
        return p;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
