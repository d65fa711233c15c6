package updown.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile parsed into stages and instructions (continuation lines joined, comments dropped), enough to check
 * what the file promises against what the build produces. Exec-form arguments are read as the JSON arrays they are.
 */
final class DockerfileModel {
    /** Where the runtime image keeps the jar. */
    static final String IMAGE_JAR = "/app/updown.jar";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Instruction(String keyword, String args, int line) {
    }

    /** A COPY line: {@code from} is the stage or image of {@code --from=}, null when it reads the build context. */
    record Copy(String from, List<String> sources, String dest) {
        boolean fromContext() {
            return from == null;
        }
    }

    record Stage(String image, String name, List<Instruction> instructions) {
        /** This stage without one of its instructions (to prove that a check notices the loss). */
        Stage without(Instruction dropped) {
            return new Stage(image, name, instructions.stream().filter(i -> !i.equals(dropped)).toList());
        }

        /** The WORKDIR in effect at {@code at} (Docker's default is /); a relative WORKDIR adds to the previous. */
        String workdirAt(Instruction at) {
            Path dir = Path.of("/");
            for (Instruction i : instructions) {
                if (i.equals(at)) {
                    return dir.toString();
                }
                if (i.keyword().equals("WORKDIR")) {
                    dir = dir.resolve(i.args()).normalize();
                }
            }
            throw new IllegalArgumentException("not in stage " + name + ": " + at);
        }

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }
    }

    private final List<Stage> stages;

    private DockerfileModel(List<Stage> stages) {
        this.stages = stages;
    }

    static DockerfileModel parse(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder pending = new StringBuilder();
        int startLine = 0;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            String trimmed = raw.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
                continue;
            }
            if (pending.length() == 0) {
                startLine = n + 1;
            }
            boolean continues = trimmed.endsWith("\\");
            pending.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (continues) {
                continue;
            }
            String text = pending.toString().strip().replaceAll("\\s+", " ");
            pending.setLength(0);
            int space = text.indexOf(' ');
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : text.substring(space + 1);
            if (keyword.equals("FROM")) {
                String[] parts = args.split(" ");
                String name = parts.length >= 3 && parts[parts.length - 2].equalsIgnoreCase("AS")
                        ? parts[parts.length - 1] : null;
                current = new ArrayList<>();
                stages.add(new Stage(parts[0], name, current));
            } else if (current == null) {
                throw new IllegalStateException(file + ":" + startLine + ": " + keyword + " before FROM");
            }
            current.add(new Instruction(keyword, args, startLine));
        }
        return new DockerfileModel(List.copyOf(stages));
    }

    List<Stage> stages() {
        return stages;
    }

    /** The stage the image is made of: the last one. */
    Stage runtime() {
        return stages.get(stages.size() - 1);
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /** The {@code --key=value} options of the runtime's HEALTHCHECK. */
    Map<String, String> healthcheckOptions() {
        String args = runtime().last("HEALTHCHECK").orElseThrow().args();
        Map<String, String> options = new LinkedHashMap<>();
        for (String token : args.substring(0, args.indexOf("CMD")).trim().split(" ")) {
            if (token.startsWith("--") && token.contains("=")) {
                options.put(token.substring(2, token.indexOf('=')), token.substring(token.indexOf('=') + 1));
            }
        }
        return options;
    }

    /** The runtime's HEALTHCHECK command, which must be in exec form (a JSON array). */
    List<String> healthcheckCommand() throws IOException {
        String args = runtime().last("HEALTHCHECK").orElseThrow().args();
        return execForm(args.substring(args.indexOf("CMD") + 3).trim());
    }

    /** The parts of a COPY line; options other than {@code --from} (--chown, --link, ...) are dropped. */
    static Copy copy(Instruction copy) throws IOException {
        if (!copy.keyword().equals("COPY")) {
            throw new IllegalArgumentException("not a COPY: " + copy);
        }
        String rest = copy.args();
        String from = null;
        while (rest.startsWith("--")) {
            int space = rest.indexOf(' ');
            String option = rest.substring(0, space);
            if (option.startsWith("--from=")) {
                from = option.substring("--from=".length());
            }
            rest = rest.substring(space + 1);
        }
        List<String> parts = rest.startsWith("[") ? execForm(rest) : List.of(rest.split(" "));
        if (parts.size() < 2) {
            throw new IllegalArgumentException("COPY needs a source and a destination: " + copy);
        }
        return new Copy(from, List.copyOf(parts.subList(0, parts.size() - 1)), parts.get(parts.size() - 1));
    }

    /** A shell-form RUN's command without its leading {@code --mount=}, {@code --network=}, ... options. */
    static String runCommand(Instruction run) {
        if (!run.keyword().equals("RUN") || run.args().startsWith("[")) {
            throw new IllegalArgumentException("not a shell-form RUN: " + run);
        }
        String rest = run.args();
        while (rest.startsWith("--")) {
            rest = rest.substring(rest.indexOf(' ') + 1);
        }
        return rest;
    }

    /** A JSON-array argument (exec form) as its list of strings. */
    static List<String> execForm(String args) throws IOException {
        if (!args.startsWith("[")) {
            throw new IllegalArgumentException("not exec form: " + args);
        }
        return JSON.readValue(args, new TypeReference<List<String>>() { });
    }

    /** {@code KEY=value} pairs of every ENV in the stage (quotes removed). */
    static Map<String, String> env(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : stage.all("ENV")) {
            for (String pair : i.args().split(" (?=[A-Za-z_][A-Za-z0-9_]*=)")) {
                int eq = pair.indexOf('=');
                env.put(pair.substring(0, eq), pair.substring(eq + 1).replaceAll("^\"|\"$", ""));
            }
        }
        return env;
    }
}
