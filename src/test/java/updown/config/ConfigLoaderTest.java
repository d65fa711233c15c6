package updown.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.Ratio;
import updown.domain.Usd;

@DisplayName("Settings: defaults, .env, environment; validated all at once")
class ConfigLoaderTest {

    @TempDir
    Path work;

    private static Map<String, String> defaultsWith(Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(ConfigLoader.defaults(Path.of("/nonexistent")));
        raw.putAll(overrides);
        return raw;
    }

    @Test
    @DisplayName("the shipped defaults are valid and describe a paper bot with $1000")
    void defaultsAreValid() {
        ConfigLoader.Result r = ConfigLoader.load(work, Map.of(), Map.of());
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().mode()).isEqualTo(TradingMode.PAPER);
        assertThat(r.config().trading().initialBalance()).isEqualTo(Usd.of("1000"));
        assertThat(r.config().trading().maxEntryPrice()).isEqualTo(Ratio.of("0.70"));
        assertThat(r.config().market().assets()).containsExactly("BTC");
        assertThat(r.config().storage().dbPath()).isEqualTo(Path.of("data", "updown.db"));
    }

    @Test
    @DisplayName(".env overrides the defaults and the environment overrides .env")
    void precedence() throws IOException {
        Files.writeString(work.resolve(".env"), "BET_SIZE=20\nMIN_BET_SIZE=\"6\"\n# comment\nEMA_FAST=2\n");
        ConfigLoader.Result r = ConfigLoader.load(work, Map.of("BET_SIZE", "30", "UNRELATED", "x"), Map.of());
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().trading().betSize()).isEqualTo(Usd.of("30"));
        assertThat(r.config().trading().minBetSize()).isEqualTo(Usd.of("6"));
        assertThat(r.config().strategies().emaFast()).isEqualTo(2);
    }

    @Test
    @DisplayName("a bad value is reported as NAME=value: problem")
    void oneClearLine() {
        ConfigLoader.Result r = ConfigLoader.fromMap(defaultsWith(Map.of("MAX_ENTRY_PRICE", "1.7")), List.of());
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).containsExactly("MAX_ENTRY_PRICE=1.7: must be > 0 and <= 1");
    }

    @Test
    @DisplayName("every bad setting is reported at once")
    void allErrorsAtOnce() {
        ConfigLoader.Result r = ConfigLoader.fromMap(defaultsWith(Map.of(
                "TRADING_MODE", "yolo",
                "BET_SIZE", "-5",
                "TICK_INTERVAL_MS", "fast",
                "POSITION_SIZE_PCT", "1.5",
                "EMA_FAST", "8",
                "EMA_SLOW", "8")), List.of());
        assertThat(r.errors()).containsExactlyInAnyOrder(
                "TRADING_MODE=yolo: must be one of paper|live",
                "BET_SIZE=-5: must be > 0",
                "TICK_INTERVAL_MS=fast: not a whole number",
                "POSITION_SIZE_PCT=1.5: must be > 0 and <= 1",
                "EMA_FAST=8: must be < EMA_SLOW (8)");
        assertThat(r.config()).isNull();
    }

    @Test
    @DisplayName("without DB_URL the ledger is SQLite; a postgresql:// DB_URL selects PostgreSQL and stays a secret")
    void dbUrlSelectsPostgres() {
        ConfigLoader.Result sqlite = ConfigLoader.fromMap(defaultsWith(Map.of()), List.of());
        assertThat(sqlite.config().storage().usesPostgres()).isFalse();
        ConfigLoader.Result pg = ConfigLoader.fromMap(defaultsWith(Map.of(
                "DB_URL", "postgresql://bot:pw1234@db:5432/ledger")), List.of());
        assertThat(pg.errors()).isEmpty();
        assertThat(pg.config().storage().usesPostgres()).isTrue();
        assertThat(pg.config().storage().toString()).doesNotContain("pw1234");
        ConfigLoader.Result bad = ConfigLoader.fromMap(defaultsWith(Map.of(
                "DB_URL", "mysql://bot:pw1234@db/ledger")), List.of());
        assertThat(bad.errors()).singleElement().asString().startsWith("DB_URL:").doesNotContain("pw1234");
    }

    @Test
    @DisplayName("metrics are off by default, on 127.0.0.1:9464 when enabled")
    void metricsDefaults() {
        ConfigLoader.Result r = ConfigLoader.fromMap(defaultsWith(Map.of()), List.of());
        assertThat(r.config().metrics()).isEqualTo(new BotConfig.Metrics(false, "127.0.0.1", 9464));
    }

    @Test
    @DisplayName("secrets are never echoed in validation errors")
    void secretsHidden() {
        ConfigLoader.Result r = ConfigLoader.fromMap(defaultsWith(Map.of(
                "TELEGRAM_BOT_TOKEN", "123:CANARY-TOKEN", "TELEGRAM_API_URL", "nope")), List.of());
        assertThat(String.join("\n", r.errors())).doesNotContain("CANARY");
        ConfigLoader.Result ok = ConfigLoader.fromMap(defaultsWith(Map.of(
                "TELEGRAM_BOT_TOKEN", "123:CANARY-TOKEN")), List.of());
        assertThat(ok.config().toString()).doesNotContain("CANARY");
        assertThat(ok.config().telegram().botToken().reveal()).isEqualTo("123:CANARY-TOKEN");
    }

    @Test
    @DisplayName(".env.example lists exactly the settings the loader reads, in both directions")
    void envExampleMatchesLoader() throws IOException {
        Set<String> inExample = new TreeSet<>(DotEnv.read(Path.of(".env.example")).keySet());
        ConfigLoader.Result r = ConfigLoader.load(work, Map.of(), Map.of());
        assertThat(new TreeSet<>(r.namesRead())).isEqualTo(inExample);
        assertThat(ConfigLoader.knownNames(work)).isEqualTo(inExample);
    }

    @Test
    @DisplayName(".env.example states the same default as conf/config.json for every setting")
    void envExampleDefaultsMatch() throws IOException {
        Map<String, String> example = DotEnv.read(Path.of(".env.example"));
        Map<String, String> defaults = ConfigLoader.defaults(work);
        assertThat(example).isEqualTo(defaults);
    }

    @Test
    @DisplayName("every variable in .env.example has its own comment line above it")
    void everyVariableHasAComment() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(".env.example"));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank() && !l.startsWith("#")) {
                assertThat(lines.get(i - 1)).as("comment above " + l).startsWith("# ").doesNotStartWith("# ---");
            }
        }
    }

    @Test
    @DisplayName("a conf/config.json that is not JSON is one error line naming the file, not a stack trace")
    void malformedLocalDefaults() throws IOException {
        java.nio.file.Files.createDirectories(work.resolve("conf"));
        java.nio.file.Files.writeString(work.resolve("conf/config.json"), "{ \"BET_SIZE\": 10,, }");
        ConfigLoader.Result r = ConfigLoader.load(work, Map.of(), Map.of());
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e).startsWith("conf/config.json: ");
            assertThat(e).doesNotContain("\n");
        });
    }

    @Test
    @DisplayName("one asset per bot, priced by its own Binance symbol: BTC,ETH or ETH on BTCUSDT is refused")
    void assetMatchesItsPriceFeed() {
        assertThat(ConfigLoader.load(work, Map.of("MARKET_ASSETS", "BTC,ETH"), Map.of()).errors())
                .singleElement().asString().startsWith("MARKET_ASSETS=BTC,ETH: one asset per bot");
        assertThat(ConfigLoader.load(work, Map.of("MARKET_ASSETS", "ETH"), Map.of()).errors())
                .singleElement().asString().startsWith("BINANCE_SYMBOL=BTCUSDT: must be the price of MARKET_ASSETS=ETH");
        ConfigLoader.Result eth = ConfigLoader.load(work, Map.of("MARKET_ASSETS", "ETH", "BINANCE_SYMBOL", "ethusdt"),
                Map.of());
        assertThat(eth.ok()).isTrue();
        assertThat(eth.config().market().assets()).containsExactly("ETH");
        assertThatThrownBy(() -> eth.config().market().assets().add("SOL"))
                .as("the config is immutable").isInstanceOf(UnsupportedOperationException.class);
    }
}
