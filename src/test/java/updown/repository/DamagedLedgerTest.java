package updown.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A damaged ledger file is refused with one line, and left exactly as it was")
class DamagedLedgerTest {
    private static Vertx vertx;
    /** A healthy ledger: migrated, one deposit, closed (the WAL folded back into the file). */
    private static byte[] healthy;
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_577_836_800_000L);

    @TempDir
    Path dir;

    @BeforeAll
    static void makeHealthyLedger(@TempDir Path tmp) throws Exception {
        vertx = Vertx.vertx();
        Path db = tmp.resolve("healthy.db");
        await(SqliteRepository.open(vertx, db)
                .compose(r -> r.init().compose(v -> r.appendEntry(TestTrades.deposit("1000")))
                        .eventually(r::close)));
        healthy = Files.readAllBytes(db);
    }

    @AfterAll
    static void closeVertx() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** What a damaged file is made of, and the reason its one line must give. */
    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("a text file", (Damage) (f) -> Files.writeString(f, "hello, this is not SQLite\n"),
                        "(file is not a database)"),
                Arguments.of("the header only", (Damage) (f) -> Files.write(f, Arrays.copyOf(healthy, 100)),
                        "(truncated: 100 bytes"),
                Arguments.of("cut to half its pages", (Damage) (f) -> Files.write(f,
                        Arrays.copyOf(healthy, healthy.length / 2 / 4096 * 4096)), "(truncated: "),
                Arguments.of("cut in the middle of a page", (Damage) (f) -> Files.write(f,
                        Arrays.copyOf(healthy, healthy.length - 1000)), "(truncated: "),
                Arguments.of("a page overwritten with noise", (Damage) DamagedLedgerTest::noiseOnPageTwo,
                        "(damaged: "),
                Arguments.of("someone else's SQLite database", (Damage) DamagedLedgerTest::foreignDatabase,
                        "(it holds tables but no UpDown schema)"));
    }

    @FunctionalInterface
    interface Damage {
        void apply(Path file) throws Exception;
    }

    private static void noiseOnPageTwo(Path f) throws IOException {
        byte[] bytes = healthy.clone();
        Arrays.fill(bytes, 4096, 8192, (byte) 0x5a);
        Files.write(f, bytes);
    }

    private static void foreignDatabase(Path f) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (text TEXT)");
            s.execute("INSERT INTO notes VALUES ('mine')");
        }
    }

    private Path damaged(Damage damage) throws Exception {
        Path db = dir.resolve("data").resolve("updown.db");
        Files.createDirectories(db.getParent());
        damage.apply(db);
        Files.setLastModifiedTime(db, LONG_AGO);
        return db;
    }

    private static List<String> filesBeside(Path db) throws IOException {
        try (Stream<Path> files = Files.list(db.getParent())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    @DisplayName("opening it for the bot fails before any connection: one line naming the file and the reason, "
            + "the bytes and mtime unchanged, no -wal/-shm/-journal, no migration")
    void theBotRefusesIt(String what, Damage damage, String reason) throws Exception {
        Path db = damaged(damage);
        byte[] before = Files.readAllBytes(db);

        assertThatThrownBy(() -> await(SqliteRepository.open(vertx, db)
                .compose(r -> r.init().eventually(r::close))))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(UnreadableDatabaseException.class)
                .hasMessageStartingWith(db + " is not a readable UpDown database ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("; nothing was changed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> SqliteRepository.requireUsable(db))
                .isInstanceOf(UnreadableDatabaseException.class).hasMessageContaining(reason);

        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(LONG_AGO);
        assertThat(filesBeside(db)).containsExactly("updown.db");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    @DisplayName("opening it to read (the trades command) fails with one line too, and changes nothing")
    void theReaderRefusesIt(String what, Damage damage, String reason) throws Exception {
        Path db = damaged(damage);
        byte[] before = Files.readAllBytes(db);

        assertThatThrownBy(() -> await(SqliteRepository.openExisting(vertx, db)
                .compose(r -> r.load().eventually(r::close))))
                .isInstanceOf(ExecutionException.class).cause()
                .satisfies(e -> assertThat(e.getMessage()).startsWith(db + " is not ").doesNotContain("\n"));

        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(LONG_AGO);
        assertThat(filesBeside(db)).containsExactly("updown.db");
    }

    @Test
    @DisplayName("a healthy ledger passes and opens with its deposit; an empty file and no file at all pass too")
    void healthyPasses() throws Exception {
        Path db = damaged(f -> Files.write(f, healthy));
        SqliteRepository.requireUsable(db);
        StoredState state = await(SqliteRepository.open(vertx, db)
                .compose(r -> r.init().compose(v -> r.load()).eventually(r::close)));
        assertThat(state.ledger()).hasSize(1);

        Path empty = dir.resolve("empty.db");
        Files.write(empty, new byte[0]);
        SqliteRepository.requireUsable(empty);
        Path missing = dir.resolve("nowhere").resolve("updown.db");
        SqliteRepository.requireUsable(missing);
        assertThat(missing.getParent()).doesNotExist();
    }
}
