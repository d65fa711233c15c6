package updown.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A bare {@code true} at a call site ({@code new TraderVerticle(…, true, new Hooks(record, true))}) says nothing about
 * what it switches. Production constructors take an enum, a named options record or come from a named factory
 * instead; a record is exempt, because its boolean components are named in its declaration and read by name.
 */
@DisplayName("No production constructor takes a bare boolean")
class NoBooleanConstructorParametersTest {
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    @DisplayName("no public, protected or package constructor under updown/ has a boolean or Boolean parameter, records aside")
    void noBooleanTraps() throws Exception {
        List<Class<?>> classes = productionClasses();
        assertThat(classes).as("compiled production classes under " + CLASSES).hasSizeGreaterThan(100);
        List<String> traps = new ArrayList<>();
        for (Class<?> c : classes) {
            if (c.isRecord() || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
                continue;
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPrivate(k.getModifiers()) || k.isSynthetic()) {
                    continue;
                }
                if (Arrays.stream(k.getParameterTypes()).anyMatch(t -> t == boolean.class || t == Boolean.class)) {
                    traps.add(k.toGenericString());
                }
            }
        }
        assertThat(traps).as("constructors with a boolean parameter (use an enum, a named options record or a named"
                + " factory)").isEmpty();
    }

    private static List<Class<?>> productionClasses() throws IOException, ClassNotFoundException {
        Path root = CLASSES.resolve("updown");
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> CLASSES.relativize(p).toString().replace(java.io.File.separatorChar, '.'))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .sorted().toList();
        }
        ClassLoader loader = NoBooleanConstructorParametersTest.class.getClassLoader();
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            out.add(Class.forName(n, false, loader));
        }
        return out;
    }
}
