package updown.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per setting the bot reads: a value it must accept, a value it must refuse and what the refusal says. A
 * setting the loader reads as free text (names, hosts, tokens checked later by the part that uses them) has no refused
 * value: its row proves an unusual value is taken as given. The table must list every setting in conf/config.json, so
 * a new setting without a row fails {@link #tableCoversEverySetting()}.
 */
@DisplayName("Settings validation, one row per setting")
class SettingsValidationTest {

    /** A row: setting, accepted value, refused value (null: free text), fragment of the refusal's line. */
    record Row(String name, String accepted, String refused, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String FREE = null;

    static final List<Row> ROWS = List.of(
            new Row("TRADING_MODE", "PAPER", "real", "must be one of paper|live"),
            new Row("INITIAL_BALANCE", "5", "0", "must be > 0"),
            new Row("SIZING_MODE", "percent", "kelly", "must be one of fixed|percent"),
            new Row("BET_SIZE", "0.000001", "-1", "must be > 0"),
            new Row("POSITION_SIZE_PCT", "1", "1.01", "must be > 0 and <= 1"),
            new Row("MIN_BET_SIZE", "1000", "1000.01", "must be <= INITIAL_BALANCE"),
            new Row("MAX_ENTRY_PRICE", "0.99", "0", "must be > 0 and <= 1"),
            new Row("CONFIDENCE_THRESHOLD", "0", "-0.1", "must be >= 0 and <= 1"),
            new Row("TICK_INTERVAL_MS", "100", "99", "must be between 100 and 3600000"),
            new Row("ENSEMBLE_MIN_VOTES", "10", "11", "must be between 1 and 10"),
            new Row("EMA_FAST", "7", "8", "must be < EMA_SLOW (8)"),
            new Row("EMA_SLOW", "1000", "1001", "must be between 2 and 1000"),
            new Row("MOMENTUM_LOOKBACK", "1", "0", "must be between 1 and 500"),
            new Row("OBI_THRESHOLD", "0.5", "abc", "not a number"),
            new Row("OBI_DEPTH", "1000", "1001", "must be between 1 and 1000"),
            new Row("ARB_MIN_MARGIN", "0", "0.0000001", "at most 6 decimals"),
            new Row("ARB_ENABLED", "off", "maybe", "must be true or false"),
            new Row("FILL_MODEL", "flat", "perfect", "must be one of book|flat"),
            new Row("SLIPPAGE_PCT", "0", "2", "must be >= 0 and <= 1"),
            new Row("FEE_MODEL", "FLAT", "free", "must be one of polymarket|flat"),
            new Row("FEE_PCT", "0.000001", "-0.01", "must be >= 0 and <= 1"),
            new Row("MAX_DRAWDOWN_LIMIT", "1", "0", "must be > 0 and <= 1"),
            new Row("MAX_DAILY_LOSS", "1000000000", "1000000000.01", "must be <= 1000000000"),
            new Row("MAX_MARKET_EXPOSURE", "0", "-5", "must be >= 0"),
            new Row("MAX_TOTAL_EXPOSURE", "250.5", "lots", "not a number"),
            new Row("DATA_DIR", "/var/lib/updown", "", "must not be empty"),
            new Row("DB_PATH", "/tmp/other.db", FREE, null),
            new Row("DB_URL", "postgresql://bot:pw@127.0.0.1:5432/updown", "mysql://bot:pw@db/updown",
                    "DB_URL: must be a postgresql://"),
            new Row("HEALTH_MAX_AGE_MS", "1000", "999", "must be between 1000 and 86400000"),
            new Row("GAMMA_API_URL", "http://127.0.0.1:9000", "ftp://example.org", "must be a http/https URL"),
            new Row("CLOB_API_URL", "https://clob.example", "clob.example", "must be a http/https URL"),
            new Row("CLOB_WS_URL", "ws://127.0.0.1:9001/ws/market", "https://x.example/ws", "must be a ws/wss URL"),
            new Row("BINANCE_REST_URL", "http://127.0.0.1:9002", "http://", "URL"),
            new Row("BINANCE_WS_URL", "wss://127.0.0.1:9443", "ws://bad host", "not a URL"),
            new Row("RTDS_WS_URL", "ws://127.0.0.1:9003", "tcp://127.0.0.1:9003", "must be a ws/wss URL"),
            new Row("POLYBOLT_WS_URL", "ws://127.0.0.1:9004/ws", "http://127.0.0.1:9004/ws", "must be a ws/wss URL"),
            new Row("MARKETS", "btc-5m,eth-15m", "btc-5m,btc-5m", "is listed twice"),
            new Row("SCAN_INTERVAL_MS", "3600000", "3600001", "must be between 1000 and 3600000"),
            new Row("BOOK_STALE_MS", "100", "1e3", "not a whole number"),
            new Row("BOOK_CHECK_INTERVAL_MS", "1000", "999", "must be between 1000 and 3600000"),
            new Row("PRICE_STALE_MS", "100", "99", "must be between 100 and 3600000"),
            new Row("RECONNECT_DELAY_MAX_MS", "100", "0", "must be between 100 and 3600000"),
            new Row("HTTP_TIMEOUT_MS", "300000", "300001", "must be between 100 and 300000"),
            new Row("HTTP_USER_AGENT", "curl/8.0 (any text)", FREE, null),
            new Row("CANDLE_HISTORY", "10", "9", "must be between 10 and 10000"),
            new Row("TELEGRAM_BOT_TOKEN", "123:abc", FREE, null),
            new Row("TELEGRAM_CHAT_ID", "-100123", FREE, null),
            new Row("TELEGRAM_ALLOWED_USER_IDS", "1, 2,3", "1,alice", "'alice' is not a user id"),
            new Row("TELEGRAM_API_URL", "http://127.0.0.1:9005", "api.telegram.org", "must be a http/https URL"),
            new Row("TELEGRAM_MAX_PER_MINUTE", "60", "61", "must be between 1 and 60"),
            new Row("TOPUP_MAX", "0.01", "0", "must be > 0"),
            new Row("DASHBOARD_ENABLED", "no", "2", "must be true or false"),
            new Row("DASHBOARD_HOST", "0.0.0.0", FREE, null),
            new Row("DASHBOARD_PORT", "0", "65536", "must be between 0 and 65535"),
            new Row("DASHBOARD_TOKEN", "s3cret", FREE, null),
            new Row("METRICS_ENABLED", "yes", "enabled", "must be true or false"),
            new Row("METRICS_HOST", "::1", FREE, null),
            new Row("METRICS_PORT", "65535", "-1", "must be between 0 and 65535"),
            new Row("CLUSTER_ENABLED", "true", "sure", "must be true or false"),
            new Row("CLUSTER_NAME", "fleet-a", FREE, null),
            new Row("CLUSTER_NODE_NAME", "node-1", FREE, null),
            new Row("CLUSTER_HOST", "10.0.0.5", FREE, null),
            new Row("CLUSTER_PORT", "1", "0", "must be between 1 and 65535"),
            new Row("CLUSTER_MEMBERS", "127.0.0.1:5701,127.0.0.1:5702", "127.0.0.1:70000", "is not a host:port"),
            new Row("RECORD_ENABLED", "false", "nope", "must be true or false"),
            new Row("RECORD_RETENTION_DAYS", "3650", "0", "must be between 1 and 3650"),
            new Row("PRIVATE_KEY", "0xabc", FREE, null),
            new Row("LIVE_CONFIRM", "YES", "sure", "LIVE_CONFIRM=sure: must be yes or no"),
            new Row("LIVE_DRY_RUN", "true", "dry", "must be true or false"),
            new Row("LIVE_MAX_ORDER_USD", "1", "0", "must be > 0"),
            new Row("LIVE_MAX_DAILY_USD", "200.25", "-200", "must be > 0"),
            new Row("LIVE_ORDER_TYPE", "FAK", "gtc", "must be one of fok|fak"),
            new Row("LIVE_SIGNATURE_TYPE", "3", "4", "must be between 0 and 3"),
            new Row("LIVE_FUNDER_ADDRESS", "0x0000000000000000000000000000000000000001", FREE, null),
            new Row("CLOB_API_KEY", "key", FREE, null),
            new Row("CLOB_API_SECRET", "secret", FREE, null),
            new Row("CLOB_API_PASSPHRASE", "phrase", FREE, null),
            new Row("CHAIN_ID", "80002", "0", "must be between 1 and"),
            new Row("LIVE_BALANCE_CHECK_MS", "1000", "500", "must be between 1000 and 3600000"),
            new Row("LIVE_MAX_REDEEM_USD", "0", "-1", "must be >= 0"),
            new Row("DATA_API_URL", "https://data-api.example", "data-api.example", "must be a http/https URL"),
            new Row("POLYGON_RPC_URL", "https://polygon.example/v2/KEY", "polygon.example/v2/KEY",
                    "POLYGON_RPC_URL: must be an http(s) URL"),
            new Row("LIVE_MAX_GAS_GWEI", "100000", "100001", "must be between 1 and 100000"),
            new Row("SIM_FAULTS", "drop, malformed", FREE, null));

    private static final Set<String> SECRETS = ConfigLoader.SECRETS;

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    static Stream<Arguments> refusable() {
        return ROWS.stream().filter(r -> r.refused() != null).map(Arguments::of);
    }

    private static ConfigLoader.Result loadWith(String name, String value) {
        Map<String, String> raw = new LinkedHashMap<>(ConfigLoader.defaults(Path.of("/nonexistent")));
        raw.put(name, value);
        return ConfigLoader.fromMap(raw, List.of());
    }

    @Test
    @DisplayName("the table lists every setting in conf/config.json, once")
    void tableCoversEverySetting() {
        Set<String> inTable = ROWS.stream().map(Row::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ROWS).hasSameSizeAs(inTable);
        assertThat(inTable).isEqualTo(ConfigLoader.knownNames(Path.of("/nonexistent")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("each setting accepts its boundary or unusual value and the loaded config carries no error")
    void acceptsItsValue(Row row) {
        ConfigLoader.Result r = loadWith(row.name(), row.accepted());
        assertThat(r.errors()).as(row.name() + "=" + row.accepted()).isEmpty();
        assertThat(r.config()).isNotNull();
        assertThat(r.namesRead()).contains(row.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusable")
    @DisplayName("each validated setting refuses its bad value with one line that names it and says why")
    void refusesItsValue(Row row) {
        ConfigLoader.Result r = loadWith(row.name(), row.refused());
        assertThat(r.ok()).isFalse();
        assertThat(r.config()).isNull();
        assertThat(r.errors()).hasSize(1);
        String line = r.errors().get(0);
        assertThat(line).startsWith(row.name()).contains(row.says());
        if (SECRETS.contains(row.name()) || row.name().equals("DB_URL")) {
            // a URL or key may carry credentials: the line names the setting, never its value
            assertThat(line).doesNotContain(row.refused());
        }
    }
}
