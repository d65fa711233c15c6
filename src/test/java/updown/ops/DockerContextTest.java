package updown.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in for Docker's build context that DockerBuildIT builds from: .dockerignore's rules and COPY. */
@DisplayName("a build context filtered by .dockerignore, and COPY from it, as the Docker engine does them")
class DockerContextTest {
    @TempDir
    Path context;
    @TempDir
    Path image;

    private void write(String relative, String text) throws IOException {
        Path file = context.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private DockerfileModel.Stage stage(String dockerfile) throws IOException {
        write("Dockerfile", dockerfile);
        return DockerfileModel.parse(context.resolve("Dockerfile")).stages().get(0);
    }

    @Test
    @DisplayName("patterns are anchored at the root, cover what is under a matched folder, and ! re-includes")
    void ignoreRules() throws IOException {
        write(".dockerignore", "# comment\ndata\n/target/\n*.iml\n**/*.log\n!data/keep\n");
        DockerContext c = DockerContext.of(context);
        assertThat(c.excluded("data")).isTrue();
        assertThat(c.excluded("data/health")).isTrue();
        assertThat(c.excluded("data/keep")).isFalse();
        assertThat(c.excluded("target/classes/A.class")).isTrue();
        assertThat(c.excluded("src/target/A.java")).isFalse();
        assertThat(c.excluded("a.iml")).isTrue();
        assertThat(c.excluded("sub/a.iml")).isFalse();
        assertThat(c.excluded("x.log")).isTrue();
        assertThat(c.excluded("logs/deep/x.log")).isTrue();
        assertThat(c.excluded("pom.xml")).isFalse();
    }

    @Test
    @DisplayName("COPY puts a file and a folder's kept files under the WORKDIR, in a folder standing for /")
    void copies() throws IOException {
        write(".dockerignore", "src/main/secret.txt\n");
        write("pom.xml", "<project/>");
        write("src/main/A.java", "class A {}");
        write("src/main/secret.txt", "no");
        DockerfileModel.Stage s = stage("FROM x AS build\nWORKDIR /src\nCOPY pom.xml ./\nCOPY src/main ./src/main\n"
                + "COPY pom.xml /etc/renamed.xml\nRUN --mount=type=cache,target=/root/.m2 mvn -q package\n");
        DockerContext.of(context).copy(s, image);
        assertThat(image.resolve("src/pom.xml")).hasContent("<project/>");
        assertThat(image.resolve("src/src/main/A.java")).hasContent("class A {}");
        assertThat(image.resolve("src/src/main/secret.txt")).doesNotExist();
        assertThat(image.resolve("etc/renamed.xml")).hasContent("<project/>");
        DockerfileModel.Instruction run = s.all("RUN").get(0);
        assertThat(s.workdirAt(run)).isEqualTo("/src");
        assertThat(DockerfileModel.runCommand(run)).isEqualTo("mvn -q package");
    }

    @Test
    @DisplayName("COPY of a missing or excluded source fails, as it fails docker build")
    void missingSourceFails() throws IOException {
        write(".dockerignore", "config\n");
        write("config/checkstyle.xml", "<module/>");
        DockerContext c = DockerContext.of(context);
        assertThatThrownBy(() -> c.copy(stage("FROM x\nCOPY config ./config\n"), image))
                .hasMessageContaining("COPY config");
        assertThatThrownBy(() -> c.copy(stage("FROM x\nCOPY nothing ./nothing\n"), image))
                .hasMessageContaining("COPY nothing");
    }
}
