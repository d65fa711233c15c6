package updown.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests: Debian's {@code postgresql} package (scripts/test.sh installs it),
 * a fresh cluster in a temporary directory, listening on 127.0.0.1 on a free port, trust authentication for the
 * user {@code updown}. PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs to the
 * package's {@code postgres} user and its programs run as that user ({@code setpriv}, which execs in place, so the
 * process we hold IS the server). {@link #close()} stops it (fast shutdown) and deletes the directory.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "updown";
    private static final String READY = "database system is ready to accept connections";
    private static final long START_SECONDS = 60;

    private final Path dir;
    private final int port;
    private final Process server;

    private PostgresServer(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /**
     * Initialises a cluster and starts it; returns once it accepts connections. {@code settings} are extra server
     * settings ({@code "fsync=off"} for a suite that makes many databases and measures nothing).
     */
    public static PostgresServer start(String... settings) throws IOException, InterruptedException {
        Path bin = binDir();
        Path dir = Files.createTempDirectory("updown-pg");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
        }
        run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
        int port = freePort();
        List<String> postgres = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "max_connections=50"));
        for (String setting : settings) {
            postgres.add("-c");
            postgres.add(setting);
        }
        List<String> command = asUser(root, postgres);
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> watchLog(server, ready), "postgres-log");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
            deleteTree(dir);
            throw new IOException("PostgreSQL did not start within " + START_SECONDS + " s", e);
        }
        return new PostgresServer(dir, port, server);
    }

    private static void watchLog(Process server, CompletableFuture<Void> ready) {
        try (BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = log.readLine()) != null) {
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("postgres exited before it was ready"));
    }

    /** The newest installed PostgreSQL's programs (Debian keeps them out of PATH). */
    private static Path binDir() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            throw new IOException("PostgreSQL is not installed (apt-get install postgresql; scripts/test.sh does)");
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IOException("no initdb under " + lib));
        }
    }

    private static List<String> asUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres",
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(boolean root, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(asUser(root, command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** A {@code postgresql://} URL (the form DB_URL takes) for a database on this server. */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database, optionally a copy of {@code template} (null = the default). */
    public void createDatabase(String name, String template) throws SQLException {
        sql("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    }

    /** Runs one statement as the superuser in the {@code postgres} database. */
    public void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER,
                ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() {
        try {
            // SIGINT = fast shutdown: disconnect clients, stop cleanly (no leftover shared memory)
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            deleteTree(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
