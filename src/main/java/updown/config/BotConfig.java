package updown.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import updown.domain.MarketKey;
import updown.domain.Ratio;
import updown.domain.Usd;

/**
 * Every setting, validated, immutable, grouped by the component that reads it. Built once at startup by
 * {@link ConfigLoader}; a change means a restart. Variable names are in {@code .env.example}.
 */
public record BotConfig(
        TradingMode mode,
        Trading trading,
        Strategies strategies,
        Engine engine,
        Risk risk,
        Storage storage,
        MarketData market,
        Telegram telegram,
        Dashboard dashboard,
        Recorder recorder,
        Live live,
        Sim sim,
        Map<MarketKey, MarketSettings> marketSettings,
        Metrics metrics,
        Cluster cluster) {

    public BotConfig {
        marketSettings = Map.copyOf(marketSettings);
    }

    /**
     * The config one market trades with: its own trading and strategy settings (the global ones overridden by its
     * {@code <ASSET>_<WINDOW>_<SETTING>} values), everything else shared.
     */
    public BotConfig forMarket(MarketKey key) {
        MarketSettings m = marketSettings.get(key);
        if (m == null || (m.trading().equals(trading) && m.strategies().equals(strategies))) {
            return this;
        }
        return new BotConfig(mode, m.trading(), m.strategies(), engine, risk, storage, market, telegram, dashboard,
                recorder, live, sim, marketSettings, metrics, cluster);
    }

    /** One market's trading and strategy settings after its overrides. */
    public record MarketSettings(Trading trading, Strategies strategies) {
    }

    public enum SizingMode { FIXED, PERCENT }

    public enum FillModel { BOOK, FLAT }

    public enum FeeModel { POLYMARKET, FLAT }

    public enum OrderType { FOK, FAK }

    /** INITIAL_BALANCE, SIZING_MODE, BET_SIZE, POSITION_SIZE_PCT, MIN_BET_SIZE, MAX_ENTRY_PRICE, ... */
    public record Trading(Usd initialBalance, SizingMode sizingMode, Usd betSize, Ratio positionSizePct,
                          Usd minBetSize, Ratio maxEntryPrice, Ratio confidenceThreshold, long tickIntervalMs) {
    }

    /** Strategy parameters. */
    public record Strategies(int ensembleMinVotes, int emaFast, int emaSlow, int momentumLookback,
                             Ratio obiThreshold, int obiDepth, Ratio arbMinMargin, boolean arbEnabled) {
    }

    /** Paper engine: fill model and fee model. */
    public record Engine(FillModel fillModel, Ratio slippagePct, FeeModel feeModel, Ratio feePct) {
    }

    /**
     * Circuit breaker limits (on the whole portfolio) and exposure caps: the cost of open positions allowed in one
     * market series and in all of them together; {@link Usd#ZERO} means no cap.
     */
    public record Risk(Ratio maxDrawdownLimit, Usd maxDailyLoss, Usd maxMarketExposure, Usd maxTotalExposure) {
        public Risk(Ratio maxDrawdownLimit, Usd maxDailyLoss) {
            this(maxDrawdownLimit, maxDailyLoss, Usd.ZERO, Usd.ZERO);
        }
    }

    /**
     * Where state lives. {@code dbUrl} (DB_URL, a {@code postgresql://} URL) selects the PostgreSQL ledger; unset, the
     * ledger is the SQLite file {@code dbPath}.
     */
    public record Storage(Path dataDir, Path dbPath, long healthMaxAgeMs, Secret dbUrl) {
        public boolean usesPostgres() {
            return dbUrl.isPresent();
        }

        public Path healthFile() {
            return dataDir.resolve("health");
        }

        public Path logDir() {
            return dataDir.resolve("logs");
        }

        public Path tapeDir() {
            return dataDir.resolve("tape");
        }
    }

    /** Market data endpoints and feed behaviour. */
    public record MarketData(URI gammaApiUrl, URI clobApiUrl, URI clobWsUrl, URI binanceRestUrl, URI binanceWsUrl,
                             URI rtdsWsUrl, List<MarketKey> markets,
                             long scanIntervalMs, long bookStaleMs, long bookCheckIntervalMs, long priceStaleMs,
                             long reconnectDelayMaxMs, long httpTimeoutMs, String userAgent, int candleHistory) {
        public MarketData {
            markets = List.copyOf(markets);
        }

        /** The distinct assets of the markets, in MARKETS order (one Binance and one Chainlink symbol each). */
        public List<String> assets() {
            return markets.stream().map(MarketKey::asset).distinct().toList();
        }

        /** The distinct window lengths of the markets, in MARKETS order. */
        public List<Integer> windowMinutes() {
            return markets.stream().map(MarketKey::windowMinutes).distinct().toList();
        }
    }

    /** Telegram notifier; disabled when the token is unset. */
    public record Telegram(Secret botToken, String chatId, Set<Long> allowedUserIds, URI apiUrl,
                           int maxMessagesPerMinute, Usd topupMax) {
        public Telegram {
            // insertion order kept: the first allowed user is the owner
            allowedUserIds = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(allowedUserIds));
        }

        public boolean enabled() {
            return botToken.isPresent() && chatId != null && !chatId.isBlank();
        }
    }

    /** Web dashboard; commands disabled when the token is unset. */
    public record Dashboard(boolean enabled, String host, int port, Secret token) {
    }

    /** Prometheus metrics: off unless enabled; served on their own host and port at {@code /metrics}. */
    public record Metrics(boolean enabled, String host, int port) {
    }

    /**
     * The fleet bus ({@code --cluster}): a Hazelcast-clustered Vert.x next to the bot's own, joined over TCP to the
     * {@code members} list (host:port each; multicast is never used). {@code nodeName} names this node in the fleet
     * view; empty means {@code host:port}.
     */
    public record Cluster(boolean enabled, String name, String nodeName, String host, int port, List<String> members) {
        public Cluster {
            members = List.copyOf(members);
        }

        /** The name this node shows in the fleet view. */
        public String node() {
            return nodeName.isBlank() ? host + ":" + port : nodeName;
        }
    }

    /** Market-data tape. */
    public record Recorder(boolean enabled, int retentionDays) {
    }

    /** Live trading on the Polymarket CLOB; the API keys also open PolyBolt ({@code polyboltWsUrl}). */
    public record Live(Secret privateKey, boolean confirmed, boolean dryRun, Usd maxOrderUsd, Usd maxDailyUsd,
                       OrderType orderType, int signatureType, String funderAddress, Secret apiKey, Secret apiSecret,
                       Secret apiPassphrase, long chainId, long balanceCheckMs, URI polyboltWsUrl,
                       Usd maxRedeemUsd, URI dataApiUrl, Secret polygonRpcUrl, long maxGasGwei) {
        /** All three CLOB API credentials are configured (PolyBolt needs them; none of them is logged). */
        public boolean hasApiKeys() {
            return apiKey.isPresent() && apiSecret.isPresent() && apiPassphrase.isPresent();
        }

        /** An EOA wallet (signature type 0) with a Polygon JSON-RPC endpoint: the bot sends redeems itself. */
        public boolean sendsOnChain() {
            return signatureType == 0 && polygonRpcUrl.isPresent();
        }
    }

    /** Simulated exchange (the {@code simulate} command). */
    public record Sim(List<String> faults) {
        public Sim {
            faults = List.copyOf(faults);
        }
    }
}
