package updown;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs a batch command ({@code backtest}, {@code sweep}) in a second JVM started with the flags a short, allocation-
 * heavy batch run wants, since a plain {@code java -jar updown.jar} cannot choose them itself: a heap sized for the
 * command with the serial collector (without it the JVM sizes the heap from the machine's memory and a backtest peaks
 * at ~0.7–1 GB RSS), and an application class-data archive (AppCDS) of the classes the command loads, written by the
 * first run and mapped by the later ones (~0.4 s less start-up).
 *
 * <p>Touches only JDK classes, before picocli, logback, Jackson or Vert.x are loaded. The child is the same
 * {@code java}, the same jar or class path, the parent's own JVM arguments and the same command line; it inherits
 * stdin, stdout and stderr, and its exit code is the parent's. Not relaunched: any other command; a child (system
 * property {@value #MARKER}); {@code UPDOWN_NO_RELAUNCH=1} or {@code --no-relaunch} on the command line (removed from
 * it); a JVM the user already gave memory, collector, compiler, CDS or agent flags ({@code -X...}, {@code -XX:...},
 * {@code -agent...}, {@code -javaagent...}: their choice stands). A stale or unreadable archive is ignored by the JVM
 * (it checks the archive against the jar) and its name carries the jar's size and time and the JVM's version, so a new
 * build writes a new one.
 */
final class BatchJvm {
    /** Set on the child: it runs the command itself. */
    static final String MARKER = "updown.relaunched";
    static final String OPT_OUT = "--no-relaunch";
    static final String OPT_OUT_ENV = "UPDOWN_NO_RELAUNCH";

    /** Heap of a backtest: it holds a portfolio and the trader's books; 64 MB suffice even for a month. */
    static final int BACKTEST_HEAP_MB = 128;
    /** Heap of a sweep: a base plus one backtest's budget per parallel run. */
    static final int SWEEP_BASE_HEAP_MB = 96;
    static final int SWEEP_HEAP_PER_THREAD_MB = 64;

    /**
     * The optimising compiler (C2) takes a method once it was called 30,000 times instead of 5,000: a run of a few
     * seconds spends about half of its CPU compiling, one C2 thread on a core of its own, and most of what it compiles
     * at the default threshold are lukewarm methods the replay leaves soon after. Measured on the 3-week kline
     * backtest, child JVM only, best of 5 (docs/backtest.md): 2.30 → 2.14 s wall, 4.4 → 3.9 s CPU.
     */
    static final List<String> JIT_FLAGS = List.of("-XX:Tier4InvocationThreshold=30000",
            "-XX:Tier4CompileThreshold=30000");

    private BatchJvm() {
    }

    /** The command line without the opt-out flag (picocli does not know it). */
    static String[] withoutOptOut(String[] args) {
        return Arrays.stream(args).filter(a -> !OPT_OUT.equals(a)).toArray(String[]::new);
    }

    /**
     * Relaunches a batch command in a child JVM and returns its exit code, or empty: run the command in this JVM.
     * Any failure to start the child (no java binary, no permission) also returns empty.
     */
    static OptionalInt relaunch(String[] args) {
        Optional<List<String>> flags = flags(args, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv(), System.getProperties(), Runtime.getRuntime().availableProcessors());
        if (flags.isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(flags.get());
        Archive archive = Archive.of(System.getenv(), System.getProperty("java.class.path"),
                System.getProperty("java.vm.version"));
        if (archive != null) {
            command.addAll(archive.flags());
        }
        command.add("-D" + MARKER + "=true");
        command.addAll(launchTarget(System.getProperty("java.class.path"), System.getProperty("sun.java.command")));
        command.addAll(List.of(args));
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        // stopped by a signal of its own (not the terminal's, which the child gets too): stop the child the same way
        Thread stopChild = new Thread(() -> {
            child.destroy();
            waitQuietly(child);
        });
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = waitQuietly(child);
        Runtime.getRuntime().removeShutdownHook(stopChild);
        if (archive != null) {
            archive.keep();
        }
        return OptionalInt.of(code);
    }

    /**
     * The JVM flags for this command line, or empty: do not relaunch.
     *
     * @param jvmArgs the running JVM's own arguments (the user's flags, JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS)
     */
    static Optional<List<String>> flags(String[] args, List<String> jvmArgs, Map<String, String> env,
                                        java.util.Properties props, int cores) {
        if (args.length == 0 || props.getProperty(MARKER) != null || "1".equals(env.get(OPT_OUT_ENV))
                || Arrays.asList(args).contains(OPT_OUT)) {
            return Optional.empty();
        }
        for (String a : jvmArgs) {
            if (a.startsWith("-X") || a.startsWith("-agent") || a.startsWith("-javaagent")) {
                return Optional.empty();
            }
        }
        int heapMb;
        switch (args[0]) {
            case "backtest" -> heapMb = BACKTEST_HEAP_MB;
            case "sweep" -> heapMb = SWEEP_BASE_HEAP_MB + SWEEP_HEAP_PER_THREAD_MB * threads(args, cores);
            default -> {
                return Optional.empty();
            }
        }
        List<String> flags = new ArrayList<>(List.of("-Xmx" + heapMb + "m", "-XX:+UseSerialGC"));
        flags.addAll(JIT_FLAGS);
        return Optional.of(List.copyOf(flags));
    }

    /** The sweep's {@code --threads} (its default: the cores), clamped to 1..64; unreadable: the default. */
    static int threads(String[] args, int cores) {
        int n = cores;
        for (int i = 1; i < args.length; i++) {
            String v = null;
            if (args[i].equals("--threads") && i + 1 < args.length) {
                v = args[i + 1];
            } else if (args[i].startsWith("--threads=")) {
                v = args[i].substring("--threads=".length());
            }
            if (v != null) {
                try {
                    n = Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    n = cores; // picocli reports it in the child
                }
            }
        }
        return Math.max(1, Math.min(64, n));
    }

    /** {@code -jar JAR} when started as {@code java -jar JAR} (the manifest's opens apply), else the class path. */
    static List<String> launchTarget(String classPath, String javaCommand) {
        String first = javaCommand == null ? "" : javaCommand.split(" ", 2)[0];
        if (!first.isEmpty() && first.equals(classPath) && first.endsWith(".jar")) {
            return List.of("-jar", classPath);
        }
        return List.of("-cp", classPath, Main.class.getName());
    }

    private static int waitQuietly(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    /**
     * The AppCDS archive of a jar: {@code $XDG_CACHE_HOME/updown} (else {@code ~/.cache/updown}) /
     * {@code cds-<hash of jar path, size, time, JVM version>.jsa}. Mapped when it exists; otherwise the child writes
     * it to a name of its own at exit and the parent moves it into place afterwards (two first runs at once do not
     * read each other's half-written archive).
     */
    record Archive(Path file, Path fresh) {
        static Archive of(Map<String, String> env, String classPath, String vmVersion) {
            if (classPath == null || classPath.isEmpty() || classPath.contains(File.pathSeparator)) {
                return null; // a class path of directories changes under the archive: only for a jar
            }
            try {
                Path jar = Path.of(classPath).toAbsolutePath();
                if (!Files.isRegularFile(jar)) {
                    return null;
                }
                String cache = env.get("XDG_CACHE_HOME");
                Path dir = cache != null && !cache.isBlank() ? Path.of(cache, "updown")
                        : Path.of(System.getProperty("user.home"), ".cache", "updown");
                String key = jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis() + "|"
                        + vmVersion;
                Path file = dir.resolve("cds-" + Integer.toHexString(key.hashCode()) + ".jsa");
                if (Files.isRegularFile(file)) {
                    return new Archive(file, null);
                }
                Files.createDirectories(dir);
                if (!Files.isWritable(dir)) {
                    return null;
                }
                return new Archive(file, dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid()
                        + ".tmp"));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        List<String> flags() {
            // -Xlog: the JVM's own notes about archives (mismatch, dumping) would land in the command's stderr
            return fresh == null
                    ? List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
                    : List.of("-XX:ArchiveClassesAtExit=" + fresh, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }

        /** After the child: the archive it wrote goes into place (or is dropped if another run was first). */
        void keep() {
            if (fresh == null) {
                return;
            }
            try {
                if (Files.isRegularFile(fresh) && !Files.exists(file)) {
                    Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
                    prune(file.getParent(), KEEP);
                }
                Files.deleteIfExists(fresh);
            } catch (IOException | RuntimeException e) {
                // no archive this time; the next run tries again
            }
        }

        /** Archives kept per cache directory: each build of the jar writes its own (~25 MB). */
        static final int KEEP = 3;

        /** Deletes all but the {@code keep} newest archives of {@code dir} (older builds' ones). */
        static void prune(Path dir, int keep) throws IOException {
            List<Path> archives;
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                archives = files.filter(f -> f.getFileName().toString().matches("cds-[0-9a-f]+\\.jsa"))
                        .sorted(java.util.Comparator.comparing((Path f) -> {
                            try {
                                return Files.getLastModifiedTime(f).toMillis();
                            } catch (IOException e) {
                                return 0L;
                            }
                        }).reversed())
                        .toList();
            }
            for (Path old : archives.subList(Math.min(keep, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }
}
