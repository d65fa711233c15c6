package updown.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import updown.domain.MarketKey;


/**
 * Builds the one {@link BotConfig} from, lowest to highest priority: the defaults in {@code conf/config.json} (shipped
 * in the jar, overridable by a {@code conf/config.json} in the working directory), {@code .env} in the working
 * directory, the process environment, and explicit overrides (command-line settings of backtest/sweep).
 * Pure: reads files, never writes, so a failed validation leaves {@code data/} untouched.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "/conf/config.json";
    static final Set<String> SECRETS = Set.of("TELEGRAM_BOT_TOKEN", "DASHBOARD_TOKEN", "PRIVATE_KEY", "CLOB_API_KEY",
            "CLOB_API_SECRET", "CLOB_API_PASSPHRASE", "POLYGON_RPC_URL");
    /**
     * Settings a market may override with {@code <ASSET>_<WINDOW>_<NAME>} (e.g. {@code ETH_15M_EMA_FAST}): the
     * strategy group and the entry rules; everything else (sizing, risk, feeds) is shared by all markets.
     */
    public static final Set<String> PER_MARKET = Set.of("ENSEMBLE_MIN_VOTES", "EMA_FAST", "EMA_SLOW",
            "MOMENTUM_LOOKBACK", "OBI_THRESHOLD", "OBI_DEPTH", "ARB_MIN_MARGIN", "ARB_ENABLED", "CONFIDENCE_THRESHOLD",
            "MAX_ENTRY_PRICE");
    private static final java.util.regex.Pattern OVERRIDE_NAME = java.util.regex.Pattern.compile(
            "^[A-Z0-9]{2,10}_\\d{1,4}M_([A-Z_]+)$");
    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> WS = Set.of("ws", "wss");

    private ConfigLoader() {
    }

    /** Outcome of a load: a config, or every problem found. */
    public record Result(BotConfig config, List<String> errors, List<String> warnings, Set<String> namesRead) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Loads from the working directory and the real environment. */
    public static Result load(Path workDir, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> defaults;
        try {
            defaults = defaults(workDir);
        } catch (UncheckedIOException e) {
            // one line, like every other bad setting: Jackson's message carries the position on its first line
            return new Result(null, List.of(e.getMessage().lines().findFirst().orElse("conf/config.json: unreadable")),
                    List.of(), Set.of());
        }
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        SettingNames names = new SettingNames(defaults.keySet());
        List<String> warnings = new java.util.ArrayList<>();
        Path dotEnv = workDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            try {
                Map<String, String> fromFile = DotEnv.read(dotEnv);
                warnings.addAll(names.dotEnvWarnings(fromFile.keySet()));
                merged.putAll(fromFile);
            } catch (IOException e) {
                return new Result(null, List.of(".env: cannot read (" + e.getMessage() + ")"), warnings, Set.of());
            }
        }
        warnings.addAll(names.environmentWarnings(environment.keySet()));
        for (String key : defaults.keySet()) {
            String v = environment.get(key);
            if (v != null) {
                merged.put(key, v);
            }
        }
        environment.forEach((key, v) -> {
            if (isMarketOverride(key)) {
                merged.put(key, v);
            }
        });
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!names.isSetting(e.getKey())) {
                return new Result(null, List.of(names.notASetting(e.getKey())), warnings, Set.of());
            }
            merged.put(e.getKey(), e.getValue());
        }
        return fromMap(merged, warnings);
    }

    /** A per-market override's name: {@code <ASSET>_<N>M_<SETTING>} with SETTING one of {@link #PER_MARKET}. */
    static boolean isMarketOverride(String key) {
        java.util.regex.Matcher m = OVERRIDE_NAME.matcher(key);
        return m.matches() && PER_MARKET.contains(m.group(1));
    }

    /** Builds a config from a complete map of raw values (tests, backtest variants). */
    public static Result fromMap(Map<String, String> raw, List<String> warnings) {
        SettingsReader r = new SettingsReader(raw, SECRETS);
        BotConfig config = read(r, raw);
        return new Result(r.errors().isEmpty() ? config : null, List.copyOf(r.errors()), List.copyOf(warnings),
                Set.copyOf(r.namesRead()));
    }

    /** The defaults map: the jar's conf/config.json, then the working directory's if present. */
    public static Map<String, String> defaults(Path workDir) {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("conf/config.json is missing from the jar");
            }
            out.putAll(flatten(new ObjectMapper().readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path local = workDir.resolve("conf/config.json");
        if (Files.isRegularFile(local)) {
            try {
                out.putAll(flatten(new ObjectMapper().readTree(local.toFile())));
            } catch (IOException e) {
                throw new UncheckedIOException("conf/config.json: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return out;
    }

    private static BotConfig read(SettingsReader r, Map<String, String> raw) {
        TradingMode mode = r.choice("TRADING_MODE", TradingMode.class, TradingMode.PAPER);

        BotConfig.Trading trading = trading(r);
        BotConfig.Strategies strategies = strategies(r);

        BotConfig.Engine engine = new BotConfig.Engine(
                r.choice("FILL_MODEL", BotConfig.FillModel.class, BotConfig.FillModel.BOOK),
                r.ratio("SLIPPAGE_PCT", true),
                r.choice("FEE_MODEL", BotConfig.FeeModel.class, BotConfig.FeeModel.POLYMARKET),
                r.ratio("FEE_PCT", true));

        BotConfig.Risk risk = new BotConfig.Risk(
                r.ratio("MAX_DRAWDOWN_LIMIT", false),
                r.usd("MAX_DAILY_LOSS", false),
                r.usd("MAX_MARKET_EXPOSURE", true),
                r.usd("MAX_TOTAL_EXPOSURE", true));

        Path dataDir = r.path("DATA_DIR");
        String dbRaw = r.string("DB_PATH");
        Path dbPath = dbRaw.isEmpty() ? dataDir.resolve("updown.db") : Path.of(dbRaw);
        BotConfig.Storage storage = new BotConfig.Storage(dataDir, dbPath,
                r.integer("HEALTH_MAX_AGE_MS", 1_000L, 86_400_000L), r.secret("DB_URL"));
        String dbUrl = storage.dbUrl().reveal();
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("postgresql://") && !dbUrl.startsWith("postgres://")) {
            // the value may hold a password: name the setting, never echo it
            r.problem("DB_URL: must be a postgresql://user:password@host:port/database URL (or empty for SQLite)");
        }

        BotConfig.MarketData market = new BotConfig.MarketData(
                r.url("GAMMA_API_URL", HTTP),
                r.url("CLOB_API_URL", HTTP),
                r.url("CLOB_WS_URL", WS),
                r.url("BINANCE_REST_URL", HTTP),
                r.url("BINANCE_WS_URL", WS),
                r.url("RTDS_WS_URL", WS),
                markets(r),
                r.integer("SCAN_INTERVAL_MS", 1_000L, 3_600_000L),
                r.integer("BOOK_STALE_MS", 100L, 3_600_000L),
                r.integer("BOOK_CHECK_INTERVAL_MS", 1_000L, 3_600_000L),
                r.integer("PRICE_STALE_MS", 100L, 3_600_000L),
                r.integer("RECONNECT_DELAY_MAX_MS", 100L, 3_600_000L),
                r.integer("HTTP_TIMEOUT_MS", 100L, 300_000L),
                r.string("HTTP_USER_AGENT"),
                r.integer("CANDLE_HISTORY", 10, 10_000));
        Map<MarketKey, BotConfig.MarketSettings> perMarket = new LinkedHashMap<>();
        for (MarketKey key : market.markets()) {
            SettingsReader own = r.overriding(key.settingPrefix(), PER_MARKET);
            perMarket.put(key, new BotConfig.MarketSettings(trading(own), strategies(own)));
            for (String e : own.errors()) {
                if (!r.errors().contains(e)) {
                    r.problem(e);
                }
            }
        }
        for (String key : raw.keySet()) {
            if (isMarketOverride(key) && market.markets().stream().noneMatch(k -> key.startsWith(k.settingPrefix()))) {
                r.problem(key + ": overrides a market not in MARKETS=" + r.string("MARKETS"));
            }
        }

        BotConfig.Telegram telegram = new BotConfig.Telegram(
                r.secret("TELEGRAM_BOT_TOKEN"),
                r.string("TELEGRAM_CHAT_ID"),
                new java.util.LinkedHashSet<>(r.list("TELEGRAM_ALLOWED_USER_IDS", Long::parseLong, "a user id")),
                r.url("TELEGRAM_API_URL", HTTP),
                r.integer("TELEGRAM_MAX_PER_MINUTE", 1, 60),
                r.usd("TOPUP_MAX", false));

        BotConfig.Dashboard dashboard = new BotConfig.Dashboard(
                r.bool("DASHBOARD_ENABLED"),
                r.string("DASHBOARD_HOST"),
                r.integer("DASHBOARD_PORT", 0, 65535),
                r.secret("DASHBOARD_TOKEN"));

        BotConfig.Recorder recorder = new BotConfig.Recorder(
                r.bool("RECORD_ENABLED"),
                r.integer("RECORD_RETENTION_DAYS", 1, 3650));

        BotConfig.Live live = new BotConfig.Live(
                r.secret("PRIVATE_KEY"),
                "yes".equalsIgnoreCase(r.string("LIVE_CONFIRM")),
                r.bool("LIVE_DRY_RUN"),
                r.usd("LIVE_MAX_ORDER_USD", false),
                r.usd("LIVE_MAX_DAILY_USD", false),
                r.choice("LIVE_ORDER_TYPE", BotConfig.OrderType.class, BotConfig.OrderType.FOK),
                r.integer("LIVE_SIGNATURE_TYPE", 0, 3),
                r.string("LIVE_FUNDER_ADDRESS"),
                r.secret("CLOB_API_KEY"),
                r.secret("CLOB_API_SECRET"),
                r.secret("CLOB_API_PASSPHRASE"),
                r.integer("CHAIN_ID", 1L, Long.MAX_VALUE),
                r.integer("LIVE_BALANCE_CHECK_MS", 1_000L, 3_600_000L),
                r.url("POLYBOLT_WS_URL", WS),
                r.usd("LIVE_MAX_REDEEM_USD", true),
                r.url("DATA_API_URL", HTTP),
                r.secret("POLYGON_RPC_URL"),
                r.integer("LIVE_MAX_GAS_GWEI", 1L, 100_000L));
        String rpc = live.polygonRpcUrl().reveal();
        if (!rpc.isEmpty() && !validHttpUrl(rpc)) {
            // a provider URL often carries its API key: name the setting, never echo it
            r.problem("POLYGON_RPC_URL: must be an http(s) URL (or empty: redeems are logged, not sent)");
        }

        BotConfig.Sim sim = new BotConfig.Sim(r.list("SIM_FAULTS", s -> s.toLowerCase(Locale.ROOT), "a fault name"));

        String confirm = raw.getOrDefault("LIVE_CONFIRM", "").strip();
        if (!confirm.isEmpty() && !confirm.equalsIgnoreCase("yes") && !confirm.equalsIgnoreCase("no")) {
            r.problem("LIVE_CONFIRM=" + confirm + ": must be yes or no");
        }
        if (trading.minBetSize().greaterThan(trading.initialBalance()) && trading.initialBalance().isPositive()) {
            r.problem("MIN_BET_SIZE=" + trading.minBetSize() + ": must be <= INITIAL_BALANCE ("
                    + trading.initialBalance() + ")");
        }
        BotConfig.Metrics metrics = new BotConfig.Metrics(
                r.bool("METRICS_ENABLED"),
                r.string("METRICS_HOST"),
                r.integer("METRICS_PORT", 0, 65535));

        BotConfig.Cluster cluster = new BotConfig.Cluster(
                r.bool("CLUSTER_ENABLED"),
                r.string("CLUSTER_NAME"),
                r.string("CLUSTER_NODE_NAME"),
                r.string("CLUSTER_HOST"),
                r.integer("CLUSTER_PORT", 1, 65535),
                r.list("CLUSTER_MEMBERS", ConfigLoader::member, "a host:port"));
        if (cluster.enabled() && cluster.members().isEmpty()) {
            r.problem("CLUSTER_MEMBERS: must list at least one host:port when CLUSTER_ENABLED=true");
        }

        return new BotConfig(mode, trading, strategies, engine, risk, storage, market, telegram, dashboard, recorder,
                live, sim, perMarket, metrics, cluster);
    }

    /** One CLUSTER_MEMBERS entry: host:port with a port in 1..65535. */
    private static boolean validHttpUrl(String v) {
        try {
            java.net.URI u = new java.net.URI(v);
            return u.getScheme() != null && HTTP.contains(u.getScheme().toLowerCase(Locale.ROOT)) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String member(String s) {
        int colon = s.lastIndexOf(':');
        int port = Integer.parseInt(s.substring(colon + 1));
        if (colon < 1 || port < 1 || port > 65535) {
            throw new IllegalArgumentException(s);
        }
        return s;
    }

    private static BotConfig.Trading trading(SettingsReader r) {
        return new BotConfig.Trading(
                r.usd("INITIAL_BALANCE", false),
                r.choice("SIZING_MODE", BotConfig.SizingMode.class, BotConfig.SizingMode.FIXED),
                r.usd("BET_SIZE", false),
                r.ratio("POSITION_SIZE_PCT", false),
                r.usd("MIN_BET_SIZE", false),
                r.ratio("MAX_ENTRY_PRICE", false),
                r.ratio("CONFIDENCE_THRESHOLD", true),
                r.integer("TICK_INTERVAL_MS", 100L, 3_600_000L));
    }

    private static BotConfig.Strategies strategies(SettingsReader r) {
        int emaFast = r.integer("EMA_FAST", 1, 500);
        int emaSlow = r.integer("EMA_SLOW", 2, 1000);
        if (emaFast >= emaSlow) {
            r.problem(r.shown("EMA_FAST") + "=" + emaFast + ": must be < " + r.shown("EMA_SLOW") + " (" + emaSlow + ")");
        }
        return new BotConfig.Strategies(
                r.integer("ENSEMBLE_MIN_VOTES", 1, 10),
                emaFast,
                emaSlow,
                r.integer("MOMENTUM_LOOKBACK", 1, 500),
                r.ratio("OBI_THRESHOLD", false),
                r.integer("OBI_DEPTH", 1, 1000),
                r.ratio("ARB_MIN_MARGIN", true),
                r.bool("ARB_ENABLED"));
    }

    /** MARKETS: comma-separated asset-window keys, at least one, no repeats; one error line for what is wrong. */
    private static List<MarketKey> markets(SettingsReader r) {
        String v = r.string("MARKETS");
        List<MarketKey> out = new java.util.ArrayList<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                MarketKey k = MarketKey.parse(part);
                if (out.contains(k)) {
                    r.problem("MARKETS=" + v + ": " + k + " is listed twice");
                    return out;
                }
                out.add(k);
            } catch (IllegalArgumentException e) {
                r.problem("MARKETS=" + v + ": '" + part.strip() + "' " + e.getMessage());
                return out;
            }
        }
        if (out.isEmpty()) {
            r.problem("MARKETS=" + v + ": must name at least one market (e.g. btc-5m)");
        }
        return out;
    }

    /** Every setting name the loader knows (= the defaults' keys), sorted. */
    public static Set<String> knownNames(Path workDir) {
        return new TreeSet<>(defaults(workDir).keySet());
    }

}
