package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker build} without an engine: the build stage's COPY lines, read from the Dockerfile, fill a folder
 * standing for the stage's filesystem from the build context as .dockerignore filters it; then the stage's Maven
 * command runs there, offline on the local repository (the engine's cache mount), its goals and flags unchanged.
 * A file the build needs but no COPY brings in fails it, as it would fail {@code docker compose up -d --build}.
 * An IT: on a fresh machine the plugins of {@code package} (shade) are downloaded by the project's own build first.
 */
@DisplayName("the Dockerfile's build stage, run on its own build context, makes the jar the runtime stage copies")
class DockerBuildIT {
    private static DockerfileModel.Stage build;
    private static DockerfileModel.Instruction maven;
    private static String builtJar;

    @TempDir
    Path image;
    @TempDir
    Path logs;

    @BeforeAll
    static void parse() throws IOException {
        DockerfileModel docker = DockerfileModel.parse(Path.of("Dockerfile"));
        DockerfileModel.Copy jarCopy = null;
        for (DockerfileModel.Instruction line : docker.runtime().all("COPY")) {
            DockerfileModel.Copy copy = DockerfileModel.copy(line);
            if (copy.dest().equals(DockerfileModel.IMAGE_JAR)) {
                jarCopy = copy;
            }
        }
        assertThat(jarCopy).as("the runtime stage copies %s from the build stage", DockerfileModel.IMAGE_JAR)
                .isNotNull();
        build = docker.stage(jarCopy.from()).orElseThrow();
        builtJar = jarCopy.sources().get(0);
        maven = build.all("RUN").stream().filter(r -> DockerfileModel.runCommand(r).startsWith("mvn "))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no RUN mvn in the stage"));
    }

    @Test
    @DisplayName("its Maven command succeeds on what its COPY lines bring in and makes the project's jar")
    void buildStageMakesTheJar() throws Exception {
        List<Path> copied = DockerContext.of(Path.of("")).copy(build, image);
        assertThat(copied).isNotEmpty();

        Result mvn = runMaven(build);
        assertThat(mvn.code()).as("%s\n%s", mvn.command(), mvn.tail()).isZero();

        Path jar = inImage(builtJar);
        assertThat(jar).isRegularFile();
        try (JarFile built = new JarFile(jar.toFile())) {
            assertThat(built.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("updown.Main");
        }
        // the same classes and bundled files as the jar `package` made from the whole checkout: nothing the
        // image's jar needs was left out of the context (a missing resource folder would not fail Maven)
        Set<String> inContainer = entries(jar);
        Set<String> fromCheckout = entries(JarProcess.jar());
        assertThat(difference(fromCheckout, inContainer)).as("in the project's jar, not in the image's").isEmpty();
        assertThat(difference(inContainer, fromCheckout)).as("in the image's jar, not in the project's").isEmpty();
    }

    @Test
    @DisplayName("without its COPY of config/ (checkstyle's rules) the same Maven command fails: a missing file fails")
    void missingCopyFailsTheBuild() throws Exception {
        DockerfileModel.Instruction configCopy = build.all("COPY").stream()
                .filter(c -> sources(c).contains("config")).findFirst().orElseThrow();
        DockerfileModel.Stage withoutConfig = build.without(configCopy);
        DockerContext.of(Path.of("")).copy(withoutConfig, image);

        Result mvn = runMaven(withoutConfig);
        assertThat(mvn.code()).as(mvn.tail()).isNotZero();
        assertThat(mvn.tail()).contains("checkstyle.xml");
        assertThat(inImage(builtJar)).doesNotExist();
    }

    private static List<String> sources(DockerfileModel.Instruction copy) {
        try {
            return DockerfileModel.copy(copy).sources();
        } catch (IOException e) {
            throw new AssertionError(copy.toString(), e);
        }
    }

    private Path inImage(String absolute) {
        return image.resolve(Path.of("/").relativize(Path.of(absolute)).toString());
    }

    private record Result(String command, int code, String tail) {
    }

    /**
     * The stage's RUN as the engine runs a shell-form RUN ({@code sh -c}, in its WORKDIR), without the cache mount
     * and with {@code -o}: the local repository stands for the cache, and a test never downloads.
     */
    private Result runMaven(DockerfileModel.Stage stage) throws Exception {
        String command = DockerfileModel.runCommand(maven).replaceFirst("^mvn ", "mvn -o ");
        Path workdir = inImage(stage.workdirAt(maven));
        Path output = logs.resolve("mvn.txt");
        Process p = new ProcessBuilder("sh", "-c", command).directory(workdir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 5 minutes");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        return new Result(command, p.exitValue(), tail);
    }

    private static Set<String> entries(Path jar) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
        }
        return names;
    }

    /** At most 20 names in {@code a} and not in {@code b}, for a readable failure. */
    private static List<String> difference(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String name : a) {
            if (!b.contains(name) && out.size() < 20) {
                out.add(name);
            }
        }
        return out;
    }
}
