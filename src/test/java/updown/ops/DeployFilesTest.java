package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import updown.Main;

/**
 * There is no Docker engine here, so the Dockerfile and docker-compose.yml are parsed and held against what the
 * build really produces: the shaded jar's name from pom.xml, the subcommands of updown.Main, the dashboard port of
 * conf/config.json, the JVM flags file (run through this JDK).
 */
@DisplayName("Dockerfile and docker-compose.yml match what the build produces")
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static DockerfileModel docker;
    private static DockerfileModel.Stage runtime;
    private static JsonNode service;

    @BeforeAll
    static void parse() throws IOException {
        docker = DockerfileModel.parse(Path.of("Dockerfile"));
        runtime = docker.runtime();
        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        // one service by default; the others belong to the fleet profile (ComposeConfigTest checks them)
        List<String> always = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(e -> {
            if (!e.getValue().has("profiles")) {
                always.add(e.getKey());
            }
        });
        assertThat(always).as("one service without a profile").containsExactly("updown");
        service = compose.path("services").path("updown");
    }

    /** The jar's file name, from the shade plugin's finalName in pom.xml. */
    private static String shadedJarName() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals("maven-shade-plugin")) {
                NodeList names = plugin.getElementsByTagName("finalName");
                if (names.getLength() > 0) {
                    return names.item(0).getTextContent().strip() + ".jar";
                }
            }
        }
        throw new AssertionError("pom.xml: the shade plugin has no finalName");
    }

    private static String text(Element e, String child) {
        NodeList l = e.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
    }

    private static String workdir(DockerfileModel.Stage stage) {
        return stage.last("WORKDIR").orElseThrow(() -> new AssertionError("no WORKDIR")).args();
    }

    @Test
    @DisplayName("a Maven build stage on JDK 17 and a slim multi-arch JRE 17 runtime")
    void stages() {
        assertThat(docker.stages()).hasSize(2);
        DockerfileModel.Stage build = docker.stages().get(0);
        assertThat(build.image()).startsWith("maven:").contains("eclipse-temurin-17");
        assertThat(build.all("RUN")).anySatisfy(r -> assertThat(r.args()).contains("mvn ").contains("package"));
        assertThat(runtime.image()).isEqualTo("eclipse-temurin:17-jre");
    }

    @Test
    @DisplayName("the runtime copies the shaded jar from the build stage's target/ to /app/updown.jar")
    void jarPath() throws Exception {
        DockerfileModel.Stage build = docker.stages().get(0);
        String built = workdir(build) + "/target/" + shadedJarName();
        assertThat(runtime.all("COPY")).anySatisfy(c -> assertThat(c.args())
                .isEqualTo("--from=" + build.name() + " " + built + " " + DockerfileModel.IMAGE_JAR));
        assertThat(shadedJarName()).isEqualTo("updown.jar");
    }

    @Test
    @DisplayName("the process runs as a non-root user that the image creates and that owns /app/data")
    void nonRoot() {
        String user = runtime.last("USER").orElseThrow().args();
        assertThat(user).isNotIn("root", "0", "0:0");
        assertThat(runtime.all("RUN")).anySatisfy(r -> assertThat(r.args()).contains("useradd").contains(user));
        assertThat(runtime.all("RUN")).anySatisfy(r -> assertThat(r.args()).contains("chown " + user));
        int userLine = runtime.last("USER").orElseThrow().line();
        assertThat(runtime.last("ENTRYPOINT").orElseThrow().line()).isGreaterThan(userLine);
    }

    @Test
    @DisplayName("DATA_DIR=data under WORKDIR /app is the /app/data volume")
    void dataVolume() throws IOException {
        assertThat(workdir(runtime)).isEqualTo("/app");
        assertThat(DockerfileModel.env(runtime)).containsEntry("DATA_DIR", "data");
        assertThat(DockerfileModel.execForm(runtime.last("VOLUME").orElseThrow().args()))
                .containsExactly(workdir(runtime) + "/data");
    }

    @Test
    @DisplayName("EXPOSE is the dashboard's default port from conf/config.json")
    void exposedPort() throws IOException {
        String port = new ObjectMapper().readTree(Path.of("conf/config.json").toFile()).path("DASHBOARD_PORT")
                .asText();
        assertThat(runtime.last("EXPOSE").orElseThrow().args()).isEqualTo(port).isEqualTo("8080");
    }

    @Test
    @DisplayName("HEALTHCHECK every 60 s, 3 retries, runs the jar's tested `health` subcommand")
    void healthcheck() throws IOException {
        assertThat(docker.healthcheckOptions()).containsEntry("interval", "60s").containsEntry("retries", "3")
                .containsKey("timeout");
        List<String> cmd = docker.healthcheckCommand();
        assertThat(cmd.get(0)).isEqualTo("java");
        int jar = cmd.indexOf("-jar");
        assertThat(jar).isPositive();
        assertThat(cmd.subList(jar + 1, cmd.size())).containsExactly(DockerfileModel.IMAGE_JAR, "health");
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKey("health");
    }

    @Test
    @DisplayName("the JVM flags come from one file, deploy/jvm.options, that this JDK accepts")
    void jvmFlags() throws Exception {
        String entry = String.join(" ", DockerfileModel.execForm(runtime.last("ENTRYPOINT").orElseThrow().args()));
        assertThat(entry).contains("exec java @/app/jvm.options -XX:SharedArchiveFile=/app/updown.jsa $JAVA_OPTS -jar "
                + DockerfileModel.IMAGE_JAR);
        // the class archive is recorded from the same jar and flags the entrypoint uses
        assertThat(runtime.all("RUN")).anySatisfy(r -> assertThat(r.args())
                .contains("java @/app/jvm.options -XX:ArchiveClassesAtExit=/app/updown.jsa -jar "
                        + DockerfileModel.IMAGE_JAR + " simulate"));
        assertThat(runtime.all("COPY")).anySatisfy(c -> assertThat(c.args())
                .isEqualTo("deploy/jvm.options /app/jvm.options"));
        List<String> flags = Files.readAllLines(Path.of("deploy/jvm.options"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(flags).anyMatch(f -> f.startsWith("-Xmx")).contains("-XX:+UseSerialGC")
                .anyMatch(f -> f.startsWith("-XX:MaxMetaspaceSize=")).anyMatch(f -> f.startsWith("-Xss"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@deploy/jvm.options", "-version"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    @DisplayName("the runtime image has fonts for headless charts and stops on SIGTERM")
    void fontsAndSignal() {
        assertThat(runtime.all("RUN")).anySatisfy(r -> assertThat(r.args()).contains("apt-get install")
                .contains("fontconfig").contains("fonts-dejavu-core"));
        assertThat(runtime.last("STOPSIGNAL").orElseThrow().args()).isEqualTo("SIGTERM");
    }

    @Test
    @DisplayName(".dockerignore keeps secrets, data and build outputs out of the context, but not what COPY reads")
    void dockerignore() throws IOException {
        DockerContext context = DockerContext.of(Path.of(""));
        assertThat(List.of(".env", "data/health", "data/logs/updown.log", "target/updown.jar", ".git/HEAD"))
                .allSatisfy(p -> assertThat(context.excluded(p)).as(p).isTrue());
        assertThat(List.of("pom.xml", "config/checkstyle.xml", "src/main/java/updown/Main.java",
                "deploy/jvm.options", ".env.example")).allSatisfy(p -> assertThat(context.excluded(p)).as(p).isFalse());
        for (DockerfileModel.Stage s : docker.stages()) {
            for (DockerfileModel.Instruction c : s.all("COPY")) {
                DockerfileModel.Copy copy = DockerfileModel.copy(c);
                if (copy.fromContext()) {
                    assertThat(copy.sources()).allSatisfy(source -> assertThat(context.files(source))
                            .as("COPY %s finds files in the context", source).isNotEmpty());
                }
            }
        }
    }

    @Test
    @DisplayName("the build stage copies everything its Maven build reads: POM, conf/, checkstyle's config/, src/main")
    void buildStageCopies() throws IOException {
        DockerfileModel.Stage build = docker.stages().get(0);
        List<String> sources = new ArrayList<>();
        for (DockerfileModel.Instruction c : build.all("COPY")) {
            sources.addAll(DockerfileModel.copy(c).sources());
        }
        // checkstyle (validate) reads config/: without it the image does not build (DockerBuildIT runs the build)
        assertThat(sources).contains("pom.xml", "conf", "config", "src/main");
        assertThat(build.workdirAt(build.all("RUN").get(0))).isEqualTo(workdir(build));
    }

    // ------------------------------------------------------------------------------------------------ compose

    @Test
    @DisplayName("compose builds this Dockerfile, reads .env, mounts ./data on the image's volume")
    void composeBasics() throws IOException {
        assertThat(service.path("build").asText()).isEqualTo(".");
        List<String> envFiles = new ArrayList<>();
        if (service.path("env_file").isArray()) {
            service.path("env_file").forEach(n -> envFiles.add(n.asText()));
        } else {
            envFiles.add(service.path("env_file").asText());
        }
        assertThat(envFiles).containsExactly(".env");
        String volume = DockerfileModel.execForm(runtime.last("VOLUME").orElseThrow().args()).get(0);
        List<String> volumes = new ArrayList<>();
        service.path("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).containsExactly("./data:" + volume);
        assertThat(service.path("environment").path("DATA_DIR").asText())
                .isEqualTo(DockerfileModel.env(runtime).get("DATA_DIR"));
    }

    @Test
    @DisplayName("the dashboard port is published on 127.0.0.1 only, and listens on all interfaces inside")
    void composePorts() {
        String exposed = runtime.last("EXPOSE").orElseThrow().args();
        assertThat(service.path("ports").size()).isEqualTo(1);
        service.path("ports").forEach(p -> assertThat(p.asText()).isEqualTo("127.0.0.1:8080:" + exposed));
        assertThat(service.path("environment").path("DASHBOARD_HOST").asText()).isEqualTo("0.0.0.0");
        assertThat(service.path("environment").path("DASHBOARD_PORT").asText()).isEqualTo(exposed);
    }

    @Test
    @DisplayName("restart policy, rotated json-file logs, and time for the 10 s shutdown before SIGKILL")
    void composeOperations() {
        assertThat(service.path("restart").asText()).isEqualTo("unless-stopped");
        JsonNode logging = service.path("logging");
        assertThat(logging.path("driver").asText()).isEqualTo("json-file");
        assertThat(logging.path("options").path("max-size").asText()).matches("\\d+[kmg]");
        assertThat(logging.path("options").path("max-file").asInt()).isBetween(2, 20);
        String grace = service.path("stop_grace_period").asText();
        assertThat(grace).matches("\\d+s");
        assertThat(Duration.ofSeconds(Long.parseLong(grace.replace("s", "")))).isGreaterThan(Duration.ofSeconds(10));
        assertThat(service.path("mem_limit").asText()).isNotEmpty();
    }
}
