package updown.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build context Docker sends to the engine: a folder minus what its {@code .dockerignore} excludes, with
 * Docker's rules (patterns are anchored at the context's root, a pattern that matches a folder excludes everything
 * under it, {@code !} re-includes, the last matching line wins). Its {@link #copy} runs a stage's COPY lines the way
 * the engine would, into a folder that stands for the image's {@code /}: a source that is missing or excluded fails
 * the COPY, as it fails {@code docker build}.
 */
final class DockerContext {
    private record Rule(PathMatcher matcher, PathMatcher rootMatcher, boolean reinclude) {
        boolean matches(Path relative) {
            return matcher.matches(relative) || (rootMatcher != null && rootMatcher.matches(relative));
        }
    }

    private final Path root;
    private final List<Rule> rules;

    private DockerContext(Path root, List<Rule> rules) {
        this.root = root;
        this.rules = rules;
    }

    /** The context at {@code root}, filtered by {@code root/.dockerignore} when there is one. */
    static DockerContext of(Path root) throws IOException {
        Path ignore = root.resolve(".dockerignore");
        List<Rule> rules = new ArrayList<>();
        if (Files.isRegularFile(ignore)) {
            for (String line : Files.readAllLines(ignore, StandardCharsets.UTF_8)) {
                String pattern = line.strip();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                boolean reinclude = pattern.startsWith("!");
                pattern = pattern.substring(reinclude ? 1 : 0).strip().replaceAll("^(\\./|/)+", "")
                        .replaceAll("/+$", "");
                // Docker's **/x also matches x at the root; a Java glob's **/ needs at least one folder
                PathMatcher atRoot = pattern.startsWith("**/") ? glob(pattern.substring(3)) : null;
                rules.add(new Rule(glob(pattern), atRoot, reinclude));
            }
        }
        return new DockerContext(root.toAbsolutePath().normalize(), List.copyOf(rules));
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /** Whether the context leaves out this path (relative to its root, with / separators). */
    boolean excluded(String relative) {
        Path path = Path.of(relative).normalize();
        boolean excluded = false;
        for (Rule rule : rules) {
            if (rule.reinclude() != excluded) {
                continue;
            }
            boolean match = false;
            for (Path p = path; p != null && !match; p = p.getParent()) {
                match = rule.matches(p);
            }
            if (match) {
                excluded = !rule.reinclude();
            }
        }
        return excluded;
    }

    /** The context's files a COPY source names: the file itself, or every file under the folder that is kept. */
    List<Path> files(String source) throws IOException {
        if (source.matches(".*[*?\\[].*")) {
            throw new IllegalArgumentException("wildcard COPY sources are not modelled: " + source);
        }
        String relative = Path.of(source).normalize().toString();
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || !Files.exists(path) || excluded(relative)) {
            return List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).filter(f -> !excluded(root.relativize(f).toString())).toList();
        }
    }

    /**
     * Runs the stage's COPY lines that read the context into {@code image}, a folder standing for the stage's
     * {@code /}; returns every file copied. A source with nothing in the context fails here, as in the engine.
     */
    List<Path> copy(DockerfileModel.Stage stage, Path image) throws IOException {
        List<Path> copied = new ArrayList<>();
        for (DockerfileModel.Instruction line : stage.all("COPY")) {
            DockerfileModel.Copy copy = DockerfileModel.copy(line);
            if (!copy.fromContext()) {
                continue;
            }
            Path dest = Path.of(stage.workdirAt(line)).resolve(copy.dest()).normalize();
            boolean intoFolder = copy.dest().endsWith("/") || copy.sources().size() > 1;
            for (String source : copy.sources()) {
                List<Path> files = files(source);
                if (files.isEmpty()) {
                    throw new IllegalStateException("Dockerfile:" + line.line() + ": COPY " + source
                            + ": not in the build context (missing, empty, or excluded by .dockerignore)");
                }
                Path from = root.resolve(Path.of(source).normalize().toString()).normalize();
                for (Path file : files) {
                    Path target;
                    if (Files.isDirectory(from)) {
                        target = dest.resolve(from.relativize(file).toString());
                    } else {
                        target = intoFolder ? dest.resolve(file.getFileName().toString()) : dest;
                    }
                    Path inImage = image.resolve(Path.of("/").relativize(target).toString());
                    Files.createDirectories(inImage.getParent());
                    Files.copy(file, inImage, StandardCopyOption.REPLACE_EXISTING);
                    copied.add(inImage);
                }
            }
        }
        return copied;
    }
}
