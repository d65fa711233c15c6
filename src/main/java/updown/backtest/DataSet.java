package updown.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import updown.config.BotConfig;
import updown.klines.KlineReport;
import updown.record.RecordSource;
import updown.record.TapeFiles;
import updown.record.TapeReader;
import updown.record.TapeRecord;
import updown.synthetic.SimOptions;
import updown.synthetic.SimRecordSource;
import updown.strategy.Decider;

/**
 * What a backtest replays: a recorded tape, or a kline CSV with markets and books synthesized by the SimExchange
 * model. Opens a fresh record source per run (sweeps run many), and knows the data's time span.
 */
public sealed interface DataSet {

    /** First instant with data. */
    Instant start();

    /** Instant after the last data. */
    Instant end();

    /** Where trading starts when no --from is given (null: the first tick). */
    Instant defaultFrom(BotConfig config);

    /** Where trading stops when no --to is given (null: the end of the data). */
    Instant defaultTo(BotConfig config);

    /** The decision path for a run: the trader's own; kline runs compute Directional incrementally (same decisions). */
    default Decider decider(BotConfig config) {
        return Decider.fromConfig(config);
    }

    /** A new source for one run of {@code options} (blocking: may read files). */
    RecordSource open(BotConfig config, Backtest.Options options) throws IOException;

    /**
     * What the records {@link #open} gives depend on: two replays with equal keys get the same records, so they may
     * share one opening ({@link updown.record.SharedRecords}, a sweep's variants on one segment). Empty: each opens
     * its own.
     */
    default java.util.Optional<Object> sourceKey(BotConfig config, Backtest.Options options) {
        return java.util.Optional.empty();
    }

    String describe();

    /** A tape directory as the recorder writes it. */
    record Tape(Path dir, Instant start, Instant end, int segments) implements DataSet {

        /** Checks the directory and finds its span (first record, last record of the last segment). Blocking. */
        public static Tape of(Path dir) throws IOException {
            List<Path> segments = TapeFiles.segments(dir);
            if (segments.isEmpty()) {
                throw new IllegalArgumentException(dir + ": no tape segments (*.tape) here");
            }
            Instant first = null;
            try (TapeReader r = TapeReader.open(dir)) {
                TapeRecord rec = r.next();
                if (rec != null) {
                    first = rec.at();
                }
            }
            Instant last = null;
            for (int i = segments.size() - 1; i >= 0 && last == null; i--) {
                try (TapeReader r = TapeReader.ofSegment(segments.get(i))) {
                    for (TapeRecord rec = r.next(); rec != null; rec = r.next()) {
                        last = last == null || rec.at().isAfter(last) ? rec.at() : last;
                    }
                }
            }
            if (first == null || last == null) {
                throw new IllegalArgumentException(dir + ": the tape holds no readable record");
            }
            return new Tape(dir, first, last.plusNanos(1), segments.size());
        }

        @Override
        public Instant defaultFrom(BotConfig config) {
            return null;
        }

        @Override
        public Instant defaultTo(BotConfig config) {
            return null;
        }

        @Override
        public RecordSource open(BotConfig config, Backtest.Options options) throws IOException {
            Instant warmupStart = options.warmupStart();
            return warmupStart.equals(Instant.MIN) ? TapeReader.open(dir) : TapeReader.open(dir, warmupStart);
        }

        @Override
        public java.util.Optional<Object> sourceKey(BotConfig config, Backtest.Options options) {
            return java.util.Optional.of(List.of("tape", options.warmupStart())); // the reader's only input
        }

        @Override
        public String describe() {
            return "tape " + dir + " (" + segments + " segment(s), " + start + " to " + end + ")";
        }
    }

    /**
     * Kline files replayed by the simulated market: warm-up before the first trade, the incremental Decider, trading
     * stops {@link Klines#END_MARGIN} before the data ends so the last windows can resolve, and the span of the data
     * that is generated for a run.
     */
    sealed interface KlineData extends DataSet permits Klines, KlineSet {
        @Override
        default Instant defaultFrom(BotConfig config) {
            return start().plus(Backtest.Options.warmupFor(config));
        }

        @Override
        default Decider decider(BotConfig config) {
            return Decider.incremental(config);
        }

        @Override
        default Instant defaultTo(BotConfig config) {
            return end().minus(Klines.END_MARGIN);
        }

        /** From the warm-up before the first trade to the settling grace after the last, within the data. */
        default Generated generated(BotConfig config, Backtest.Options options) {
            Instant from = options.from() != null ? options.from() : defaultFrom(config);
            Instant genStart = from.minus(options.warmup());
            if (genStart.isBefore(start())) {
                genStart = start();
            }
            Instant genEnd = options.to() == null ? end() : options.to().plus(options.settleGrace());
            if (genEnd.isAfter(end())) {
                genEnd = end();
            }
            return new Generated(genStart, genEnd);
        }
    }

    /** The simulated span a kline replay generates. */
    record Generated(Instant start, Instant end) {
    }

    /** A 1-minute kline file ({@link updown.klines.KlineFile} formats) replayed by the simulated market. */
    record Klines(Path csv, long seed, SimRecordSource.Loaded data) implements KlineData {
        /** How long before the data's end trading stops by default, so the last windows can resolve. */
        static final Duration END_MARGIN = Duration.ofMinutes(10);

        /**
         * Reads the file (blocking). {@code seed} seeds the synthesized books, ids and resolution delays.
         *
         * @throws IllegalArgumentException (a {@link updown.klines.KlineFileException} for a file that is not
         *                                  1-minute klines) with one line to show as it is
         */
        public static Klines of(Path csv, long seed) throws IOException {
            if (!Files.isReadable(csv)) {
                throw new IllegalArgumentException(csv + ": not a readable file");
            }
            return new Klines(csv, seed, SimRecordSource.loadKlines(csv, SimOptions.defaults().withSeed(seed)));
        }

        @Override
        public Instant start() {
            return data.span().first();
        }

        @Override
        public Instant end() {
            return data.span().end();
        }

        @Override
        public RecordSource open(BotConfig config, Backtest.Options options) {
            Generated span = generated(config, options);
            return SimRecordSource.of(data.model(span.start()), span.start(), span.end(),
                    Duration.ofMillis(config.trading().tickIntervalMs()));
        }

        @Override
        public java.util.Optional<Object> sourceKey(BotConfig config, Backtest.Options options) {
            // open()'s inputs besides the file and seed of this data: the span and the tick
            return java.util.Optional.of(List.of(generated(config, options), config.trading().tickIntervalMs()));
        }

        /** Rows, span and gaps of the file. */
        public KlineReport report() {
            return data.report();
        }

        @Override
        public String describe() {
            return "klines " + csv + " (" + data.span().minutes() + " minutes, " + start() + " to " + end()
                    + ", book seed " + seed + ")";
        }
    }

    /**
     * One 1-minute kline CSV per asset ({@code --klines BTC=btc.csv --klines ETH=eth.csv}): every market of MARKETS is
     * synthesized on its asset's file (its own windows and books), every asset's candles come from its own file. The
     * span is where all files have data.
     */
    record KlineSet(Map<String, Path> files, long seed, Map<String, SimRecordSource.Loaded> data)
            implements KlineData {
        public KlineSet {
            files = Map.copyOf(files);
            data = Map.copyOf(data);
        }

        /** Reads every file (blocking). Keys are asset symbols ("ETH"). */
        public static KlineSet of(Map<String, Path> files, long seed) throws IOException {
            Map<String, SimRecordSource.Loaded> loaded = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Path> e : files.entrySet()) {
                if (!Files.isReadable(e.getValue())) {
                    throw new IllegalArgumentException(e.getValue() + ": not a readable file");
                }
                loaded.put(e.getKey(), SimRecordSource.loadKlines(e.getValue(), SimOptions.defaults().withSeed(seed)));
            }
            return new KlineSet(files, seed, loaded);
        }

        @Override
        public Instant start() {
            return data.values().stream().map(d -> d.span().first()).max(Instant::compareTo).orElseThrow();
        }

        @Override
        public Instant end() {
            return data.values().stream().map(d -> d.span().end()).min(Instant::compareTo).orElseThrow();
        }

        @Override
        public RecordSource open(BotConfig config, Backtest.Options options) {
            Generated span = generated(config, options);
            List<updown.synthetic.SimMarketModel> models = new java.util.ArrayList<>();
            for (updown.domain.MarketKey key : config.market().markets()) {
                SimRecordSource.Loaded d = data.get(key.asset());
                if (d == null) {
                    throw new IllegalArgumentException("MARKETS has " + key + " but no --klines " + key.asset()
                            + "=FILE was given");
                }
                models.add(d.model(key, span.start()));
            }
            return SimRecordSource.of(models, span.start(), span.end(),
                    Duration.ofMillis(config.trading().tickIntervalMs()));
        }

        @Override
        public java.util.Optional<Object> sourceKey(BotConfig config, Backtest.Options options) {
            // open()'s inputs besides the files and seed of this data: the span, the tick and the markets
            return java.util.Optional.of(List.of(generated(config, options), config.trading().tickIntervalMs(),
                    config.market().markets()));
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder("klines");
            files.forEach((asset, path) -> b.append(' ').append(asset).append('=').append(path));
            return b.append(" (").append(start()).append(" to ").append(end()).append(", book seed ").append(seed)
                    .append(')').toString();
        }
    }

    /**
     * The data of {@code --klines} values: one bare FILE is the single-asset {@link Klines}; {@code ASSET=FILE} values
     * (one per asset) are a {@link KlineSet}. Paths resolve against {@code workDir}.
     *
     * @throws IllegalArgumentException for a mix of both forms, an unknown asset or an asset given twice
     */
    static DataSet klines(Path workDir, List<String> values, long seed) throws IOException {
        if (values.size() == 1 && !values.get(0).matches("[A-Za-z]{2,10}=.+")) {
            return Klines.of(workDir.resolve(values.get(0)), seed);
        }
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--klines " + v + ": with several files each is ASSET=FILE "
                        + "(e.g. --klines BTC=btc.csv --klines ETH=eth.csv)");
            }
            String asset = v.substring(0, eq).strip().toUpperCase(java.util.Locale.ROOT);
            if (!updown.domain.MarketKey.ASSETS.contains(asset)) {
                throw new IllegalArgumentException("--klines " + v + ": unknown asset " + asset);
            }
            if (files.put(asset, workDir.resolve(v.substring(eq + 1).strip())) != null) {
                throw new IllegalArgumentException("--klines " + v + ": " + asset + " is given twice");
            }
        }
        return KlineSet.of(files, seed);
    }
}
