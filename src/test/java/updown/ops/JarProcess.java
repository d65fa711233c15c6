package updown.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/updown.jar} running as a child process, as on the server: its own working directory
 * (no .env from the repository), an environment holding only the settings given, stdout read line by line on a
 * thread (every line the process printed before it died is kept), stderr to a file.
 */
final class JarProcess implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();
    private final Path stderr;
    private String readError;

    private JarProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::readStdout, "stdout-of-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The jar the build produced (failsafe passes its path; it runs after {@code package}). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("updown.jar", "target/updown.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package` (mvn verify)");
        }
        return jar.toAbsolutePath();
    }

    /** The JVM flags of the container (deploy/jvm.options), as an argument file. */
    static String containerFlags() {
        return "@" + Path.of("deploy/jvm.options").toAbsolutePath();
    }

    static JarProcess start(Path workDir, Map<String, String> settings, List<String> jvmFlags, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", home == null ? workDir.toString() : home);
        env.putAll(settings);
        Path err = Files.createTempFile(workDir, "stderr-", ".txt");
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new JarProcess(pb.start(), err);
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept, and the reason shows in failure messages
            synchronized (lines) {
                readError = e.toString();
            }
        }
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Every stdout line so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** After the process ended: waits until its stdout is read to the end, then returns every line. */
    List<String> allLines() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return lines();
    }

    /** The end of stderr (and a stdout read error, if any), for failure messages. */
    String stderrTail() {
        try {
            List<String> all = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            String error;
            synchronized (lines) {
                error = readError == null ? "" : "stdout read failed: " + readError + "\n";
            }
            return error + String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    /**
     * kill -9. Sent through the process handle: {@code Process.destroyForcibly()} would also close our end of its
     * stdout and lose the lines it printed just before it died.
     */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM (what {@code Process.destroy()} sends on Linux, but through the handle so stdout stays open for the
     * summary the process prints while it stops); the exit code, or null when it did not exit within {@code limit}.
     */
    Integer terminate(Duration limit) throws InterruptedException {
        process.toHandle().destroy();
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
