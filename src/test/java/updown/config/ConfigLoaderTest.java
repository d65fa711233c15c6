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
import updown.domain.MarketKey;
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

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} in {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "BET_SIZ, .env, BET_SIZE",
        "MAX_ENTRY_PRICES, .env, MAX_ENTRY_PRICE",
        "EMA_FASTT, .env, EMA_FAST",
        "BET_SIZ, environment, BET_SIZE",
        "MAX_ENTRY_PRICES, environment, MAX_ENTRY_PRICE",
        "EMA_FASTT, environment, EMA_FAST",
    })
    @DisplayName("a mistyped setting name is a warning that names the setting it was meant to be; the load goes on "
            + "with the default")
    void didYouMean(String typo, String where, String meant) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(Map.of("PATH", "/usr/bin", "HOME", "/root"));
        if (where.equals(".env")) {
            Files.writeString(work.resolve(".env"), typo + "=3\n");
        } else {
            env.put(typo, "3");
        }
        ConfigLoader.Result r = ConfigLoader.load(work, env, Map.of());
        assertThat(r.ok()).isTrue();
        assertThat(r.warnings()).containsExactly(
                where + ": " + typo + " is not a setting; did you mean " + meant + "? (ignored)");
        assertThat(r.config()).isEqualTo(ConfigLoader.load(work.resolve("nothing"), Map.of(), Map.of()).config());
    }

    @Test
    @DisplayName("an unknown name given as an override (backtest --set) is an error with the same suggestion")
    void unknownOverride() {
        ConfigLoader.Result r = ConfigLoader.load(work, Map.of(), Map.of("BET_SIZ", "3"));
        assertThat(r.errors()).containsExactly("BET_SIZ is not a setting; did you mean BET_SIZE?");
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
    @DisplayName("the cluster is off by default; its members are host:port, at least one when it is on")
    void clusterSettings() {
        BotConfig.Cluster off = ConfigLoader.fromMap(defaultsWith(Map.of()), List.of()).config().cluster();
        assertThat(off.enabled()).isFalse();
        assertThat(off.node()).isEqualTo("127.0.0.1:5701");
        BotConfig.Cluster on = ConfigLoader.fromMap(defaultsWith(Map.of("CLUSTER_ENABLED", "true",
                "CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5702", "CLUSTER_NODE_NAME", "vps-2")), List.of())
                .config().cluster();
        assertThat(on.members()).containsExactly("10.0.0.1:5701", "10.0.0.2:5702");
        assertThat(on.node()).isEqualTo("vps-2");
        assertThat(ConfigLoader.fromMap(defaultsWith(Map.of("CLUSTER_MEMBERS", "10.0.0.1")), List.of()).errors())
                .singleElement().asString().startsWith("CLUSTER_MEMBERS").contains("'10.0.0.1' is not a host:port");
        assertThat(ConfigLoader.fromMap(defaultsWith(Map.of("CLUSTER_ENABLED", "true", "CLUSTER_MEMBERS", "")),
                List.of()).errors()).containsExactly(
                "CLUSTER_MEMBERS: must list at least one host:port when CLUSTER_ENABLED=true");
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
    @DisplayName("MARKETS names asset × window keys; the default is btc-5m alone, as before")
    void marketsSetting() {
        assertThat(ConfigLoader.load(work, Map.of(), Map.of()).config().market().markets())
                .containsExactly(MarketKey.DEFAULT);
        ConfigLoader.Result four = ConfigLoader.load(work, Map.of("MARKETS", "btc-5m, ETH-5m,sol-15m,xrp-15m"),
                Map.of());
        assertThat(four.errors()).isEmpty();
        assertThat(four.config().market().markets()).extracting(MarketKey::toString)
                .containsExactly("btc-5m", "eth-5m", "sol-15m", "xrp-15m");
        assertThat(four.config().market().assets()).containsExactly("BTC", "ETH", "SOL", "XRP");
        assertThat(four.config().market().windowMinutes()).containsExactly(5, 15);
        assertThatThrownBy(() -> four.config().market().markets().add(MarketKey.DEFAULT))
                .as("the config is immutable").isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("an unknown asset or window in MARKETS is one config error line naming it")
    void unknownMarketIsOneLine() {
        assertThat(ConfigLoader.load(work, Map.of("MARKETS", "btc-5m,doge-5m"), Map.of()).errors())
                .singleElement().asString().startsWith("MARKETS=btc-5m,doge-5m: 'doge-5m' unknown asset DOGE");
        assertThat(ConfigLoader.load(work, Map.of("MARKETS", "eth-60m"), Map.of()).errors())
                .singleElement().asString().startsWith("MARKETS=eth-60m: 'eth-60m' unknown window 60m");
        assertThat(ConfigLoader.load(work, Map.of("MARKETS", "btc"), Map.of()).errors())
                .singleElement().asString().contains("not <asset>-<minutes>m");
        assertThat(ConfigLoader.load(work, Map.of("MARKETS", ""), Map.of()).errors())
                .singleElement().asString().contains("at least one market");
    }

    @Test
    @DisplayName("ETH_15M_EMA_FAST overrides EMA_FAST for eth-15m only; other markets keep the global value")
    void perMarketOverride() {
        ConfigLoader.Result r = ConfigLoader.load(work, Map.of("MARKETS", "btc-5m,eth-15m", "ETH_15M_EMA_FAST", "5",
                "ETH_15M_EMA_SLOW", "12", "ETH_15M_CONFIDENCE_THRESHOLD", "0.7"), Map.of());
        assertThat(r.errors()).isEmpty();
        BotConfig c = r.config();
        BotConfig eth = c.forMarket(new MarketKey("ETH", 15));
        assertThat(eth.strategies().emaFast()).isEqualTo(5);
        assertThat(eth.strategies().emaSlow()).isEqualTo(12);
        assertThat(eth.trading().confidenceThreshold()).isEqualTo(Ratio.of("0.7"));
        assertThat(eth.strategies().momentumLookback()).isEqualTo(c.strategies().momentumLookback());
        assertThat(c.forMarket(MarketKey.DEFAULT)).isSameAs(c);
        assertThat(c.strategies().emaFast()).isEqualTo(3);
    }

    @Test
    @DisplayName("a bad per-market override is reported under its own name; one for a market not traded is refused")
    void badOverride() {
        assertThat(ConfigLoader.load(work, Map.of("MARKETS", "btc-5m,eth-15m", "ETH_15M_EMA_FAST", "9"), Map.of())
                .errors()).containsExactly("ETH_15M_EMA_FAST=9: must be < EMA_SLOW (8)");
        assertThat(ConfigLoader.load(work, Map.of("MARKETS", "btc-5m", "ETH_15M_OBI_DEPTH", "x"), Map.of())
                .errors()).containsExactly("ETH_15M_OBI_DEPTH: overrides a market not in MARKETS=btc-5m");
        assertThat(ConfigLoader.load(work, Map.of(), Map.of("BTC_5M_OBI_DEPTH", "0")).errors())
                .containsExactly("BTC_5M_OBI_DEPTH=0: must be between 1 and 1000");
    }

    @Test
    @DisplayName("exposure caps default to 0 = no cap, so one market trades as before")
    void exposureCaps() {
        BotConfig.Risk risk = ConfigLoader.load(work, Map.of(), Map.of()).config().risk();
        assertThat(risk.maxMarketExposure()).isEqualTo(Usd.ZERO);
        assertThat(risk.maxTotalExposure()).isEqualTo(Usd.ZERO);
        BotConfig.Risk set = ConfigLoader.load(work, Map.of("MAX_MARKET_EXPOSURE", "20", "MAX_TOTAL_EXPOSURE", "50"),
                Map.of()).config().risk();
        assertThat(set.maxMarketExposure()).isEqualTo(Usd.of("20"));
        assertThat(set.maxTotalExposure()).isEqualTo(Usd.of("50"));
    }
}
