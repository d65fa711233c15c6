package updown.synthetic;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import updown.domain.MarketKey;
import updown.synthetic.fault.FaultPlan;

/**
 * How the simulated exchange behaves. Start from {@link #defaults()} and change what matters with the {@code with…}
 * methods. All durations are simulated time.
 *
 * @param seed                 one seed for the price path, ids, books and random faults
 * @param klinesCsv            replay this 1-minute kline CSV instead of GBM (null = GBM)
 * @param startPrice           GBM price at the epoch, USD
 * @param annualVolatility     GBM σ per √year
 * @param annualDrift          GBM μ per year
 * @param meanMinuteVolume     GBM mean BTC volume per 1-minute kline
 * @param chainlinkBasisUsd    Chainlink BTC/USD minus Binance BTCUSDT, on average (a few tens of dollars in reality)
 * @param chainlinkNoiseUsd    Chainlink's per-second deviation from that, uniform ±
 * @param arbRate              fraction of book steps with Up ask + Down ask below $1
 * @param quoteNoise           standard deviation of the book's mid around the fair probability
 * @param depthLevels          price levels per side near the touch (plus the 0.01 / 0.99 floor levels)
 * @param listAheadWindows     windows listed before their start (real: 288, one day)
 * @param history              how much price history exists before the start (klines, RTDS snapshot, past windows)
 * @param epoch                second 0 of the price path; null = start − history, floored to the minute
 * @param resolutionDelayMin   shortest delay from window end to published outcome
 * @param resolutionDelayMax   longest
 * @param stepMs               simulated ms between steps when stepping by timer
 * @param bookStepMs           simulated ms between book changes
 * @param klinePushMs          simulated ms between Binance kline pushes (Binance: 2000 for 1m)
 * @param autoStep             true = a timer steps the exchange (simulate); false = the caller calls step() (tests)
 * @param binanceSymbol        the one symbol Binance serves (upper case)
 * @param faults               faults to inject
 * @param outcomeOverride      decides the published outcome from the Chainlink one (default: publish Chainlink's)
 * @param sessionWindows       windows the exchange lists from the start on (index 0, the one under way at the start,
 *                             to n−1; the history before stays listed); 0 = no end. A simulate run of N windows
 *                             lists N, so the bot trades nothing it would have to leave open at the end (for a
 *                             longer window: those that end within the N five-minute windows)
 * @param markets              the series served, each with its own windows and ids; one price path per asset (BTC's
 *                             from the GBM settings or the kline CSV, the others' from GBM seeded per asset). The
 *                             first is the primary one: faults and the backtest's record source follow it
 */
public record SimOptions(
        long seed,
        Path klinesCsv,
        double startPrice,
        double annualVolatility,
        double annualDrift,
        double meanMinuteVolume,
        double chainlinkBasisUsd,
        double chainlinkNoiseUsd,
        double arbRate,
        double quoteNoise,
        int depthLevels,
        int listAheadWindows,
        Duration history,
        Instant epoch,
        Duration resolutionDelayMin,
        Duration resolutionDelayMax,
        long stepMs,
        long bookStepMs,
        long klinePushMs,
        boolean autoStep,
        String binanceSymbol,
        FaultPlan faults,
        OutcomeOverride outcomeOverride,
        int sessionWindows,
        List<MarketKey> markets) {

    public SimOptions {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(resolutionDelayMin, "resolutionDelayMin");
        Objects.requireNonNull(resolutionDelayMax, "resolutionDelayMax");
        Objects.requireNonNull(binanceSymbol, "binanceSymbol");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(outcomeOverride, "outcomeOverride");
        if (resolutionDelayMax.compareTo(resolutionDelayMin) < 0 || resolutionDelayMin.isNegative()) {
            throw new IllegalArgumentException("need 0 <= resolutionDelayMin <= resolutionDelayMax");
        }
        if (stepMs < 1 || bookStepMs < 1 || klinePushMs < 1) {
            throw new IllegalArgumentException("step intervals must be >= 1 ms");
        }
        if (listAheadWindows < 0 || history.isNegative()) {
            throw new IllegalArgumentException("listAheadWindows and history must be >= 0");
        }
        if (sessionWindows < 0) {
            throw new IllegalArgumentException("sessionWindows must be >= 0");
        }
        markets = List.copyOf(markets);
        if (markets.isEmpty()) {
            throw new IllegalArgumentException("at least one market");
        }
        if (!(arbRate >= 0 && arbRate <= 1)) {
            throw new IllegalArgumentException("arbRate must be in [0, 1]");
        }
        binanceSymbol = binanceSymbol.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Seed 1, GBM from $100,000 at 50 % a year, Chainlink $25 under Binance ±$2, arbitrage on 3 % of book steps,
     * 10 levels, 24 windows (2 h) listed ahead, 3 h of history, resolution 60–120 s after the end, a step per simulated
     * second, klines every 2 s, timer stepping, BTCUSDT, no faults.
     */
    public static SimOptions defaults() {
        return new SimOptions(1L, null, 100_000.0, 0.5, 0.0, 25.0, -25.0, 2.0, 0.03, 0.03, 10, 24,
                Duration.ofHours(3), null, Duration.ofSeconds(60), Duration.ofSeconds(120), 1000, 1000, 2000, true,
                "BTCUSDT", FaultPlan.none(), OutcomeOverride.CHAINLINK, 0, List.of(MarketKey.DEFAULT));
    }

    public SimOptions withSeed(long s) {
        return with(b -> b.seed = s);
    }

    public SimOptions withKlines(Path csv) {
        return with(b -> b.klinesCsv = csv);
    }

    public SimOptions withGbm(double price, double volatility, double drift) {
        return with(b -> {
            b.startPrice = price;
            b.annualVolatility = volatility;
            b.annualDrift = drift;
        });
    }

    public SimOptions withChainlinkBasis(double basisUsd, double noiseUsd) {
        return with(b -> {
            b.chainlinkBasisUsd = basisUsd;
            b.chainlinkNoiseUsd = noiseUsd;
        });
    }

    public SimOptions withArbRate(double rate) {
        return with(b -> b.arbRate = rate);
    }

    public SimOptions withBooks(int depth, double noise) {
        return with(b -> {
            b.depthLevels = depth;
            b.quoteNoise = noise;
        });
    }

    public SimOptions withListing(int aheadWindows, Duration historyBeforeStart) {
        return with(b -> {
            b.listAheadWindows = aheadWindows;
            b.history = historyBeforeStart;
        });
    }

    public SimOptions withEpoch(Instant e) {
        return with(b -> b.epoch = e);
    }

    public SimOptions withResolutionDelay(Duration min, Duration max) {
        return with(b -> {
            b.resolutionDelayMin = min;
            b.resolutionDelayMax = max;
        });
    }

    public SimOptions withSteps(long step, long bookStep, long klinePush) {
        return with(b -> {
            b.stepMs = step;
            b.bookStepMs = bookStep;
            b.klinePushMs = klinePush;
        });
    }

    public SimOptions withAutoStep(boolean auto) {
        return with(b -> b.autoStep = auto);
    }

    /** Serve these series (e.g. the bot's MARKETS); the first is the primary one. */
    public SimOptions withMarkets(List<MarketKey> keys) {
        return with(b -> b.markets = keys);
    }

    public SimOptions withBinanceSymbol(String symbol) {
        return with(b -> b.binanceSymbol = symbol);
    }

    public SimOptions withFaults(FaultPlan plan) {
        return with(b -> b.faults = plan);
    }

    public SimOptions withOutcomeOverride(OutcomeOverride override) {
        return with(b -> b.outcomeOverride = override);
    }

    public SimOptions withSessionWindows(int n) {
        return with(b -> b.sessionWindows = n);
    }

    /** Whether the exchange lists the window with this index (relative to the start). */
    public boolean inSession(int windowIndex) {
        return sessionWindows == 0 || windowIndex < sessionWindows;
    }

    /** A copy with some components changed; the constructor validates the result. */
    private SimOptions with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The components, mutable, for {@link #with}. */
    private static final class Copy {
        long seed;
        Path klinesCsv;
        double startPrice;
        double annualVolatility;
        double annualDrift;
        double meanMinuteVolume;
        double chainlinkBasisUsd;
        double chainlinkNoiseUsd;
        double arbRate;
        double quoteNoise;
        int depthLevels;
        int listAheadWindows;
        Duration history;
        Instant epoch;
        Duration resolutionDelayMin;
        Duration resolutionDelayMax;
        long stepMs;
        long bookStepMs;
        long klinePushMs;
        boolean autoStep;
        String binanceSymbol;
        FaultPlan faults;
        OutcomeOverride outcomeOverride;
        int sessionWindows;
        List<MarketKey> markets;

        Copy(SimOptions o) {
            seed = o.seed;
            klinesCsv = o.klinesCsv;
            startPrice = o.startPrice;
            annualVolatility = o.annualVolatility;
            annualDrift = o.annualDrift;
            meanMinuteVolume = o.meanMinuteVolume;
            chainlinkBasisUsd = o.chainlinkBasisUsd;
            chainlinkNoiseUsd = o.chainlinkNoiseUsd;
            arbRate = o.arbRate;
            quoteNoise = o.quoteNoise;
            depthLevels = o.depthLevels;
            listAheadWindows = o.listAheadWindows;
            history = o.history;
            epoch = o.epoch;
            resolutionDelayMin = o.resolutionDelayMin;
            resolutionDelayMax = o.resolutionDelayMax;
            stepMs = o.stepMs;
            bookStepMs = o.bookStepMs;
            klinePushMs = o.klinePushMs;
            autoStep = o.autoStep;
            binanceSymbol = o.binanceSymbol;
            faults = o.faults;
            outcomeOverride = o.outcomeOverride;
            sessionWindows = o.sessionWindows;
            markets = o.markets;
        }

        SimOptions build() {
            return new SimOptions(seed, klinesCsv, startPrice, annualVolatility, annualDrift, meanMinuteVolume,
                    chainlinkBasisUsd, chainlinkNoiseUsd, arbRate, quoteNoise, depthLevels, listAheadWindows, history,
                    epoch, resolutionDelayMin, resolutionDelayMax, stepMs, bookStepMs, klinePushMs, autoStep,
                    binanceSymbol, faults, outcomeOverride, sessionWindows, markets);
        }
    }
}
