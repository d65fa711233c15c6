package updown.backtest;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.domain.Usd;
import updown.record.RecordSource;
import updown.record.SharedRecords;

/**
 * A parameter sweep with walk-forward validation. Variants are combinations of named settings (a full grid, or a
 * seeded random sample of it), each validated by {@link ConfigLoader}. The data's span is cut into {@code folds + 1}
 * equal consecutive segments and every variant is backtested on every segment, each run from a fresh portfolio. Fold
 * k (1..folds) picks the variant with the best P&amp;L on segment k − 1 (in-sample) and reports its P&amp;L on segment k
 * (out-of-sample): the sum over folds is what choosing by past results would have earned. A large gap between the
 * in-sample winners' results and that sum is over-fitting.
 *
 * <p>Runs are independent and run in parallel, each on its own single-event-loop Vert.x ({@link Parallelism}), at most
 * {@code threads} at once. Runs on the same segment replay the same records (same data, span and tick): up to
 * {@code threads} of them run together over one opening of the data ({@link SharedRecords}), so the market is made,
 * or the tape read and decoded, once per group instead of once per run; their results are the same as alone.
 */
public final class Sweep {

    /** One named setting and the values to try. */
    public record Axis(String name, List<String> values) {
        public Axis {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(name + ": no values");
            }
        }

        /** {@code NAME=v1,v2,...} */
        public static Axis parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--grid " + spec + ": expected NAME=v1,v2,...");
            }
            List<String> values = new ArrayList<>();
            for (String v : spec.substring(eq + 1).split(",")) {
                if (!v.isBlank() && !values.contains(v.strip())) {
                    values.add(v.strip());
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("--grid " + spec + ": no values");
            }
            return new Axis(spec.substring(0, eq).strip(), values);
        }
    }

    /** A fold: in-sample segment then the out-of-sample segment after it. */
    public record Fold(int index, Instant isFrom, Instant isTo, Instant oosFrom, Instant oosTo) {
    }

    /** How parallel runs get their Vert.x. */
    public enum Parallelism {
        /** A new single-loop Vert.x per run, closed after it. */
        VERTX_PER_RUN,
        /** One single-loop Vert.x per worker thread, reused by that thread's runs. */
        VERTX_PER_THREAD
    }

    /**
     * One backtest of one variant on one segment.
     *
     * @param records everything it replayed: market events, ticks and warm-up ticks
     * @param events  the market events among them, as a backtest's report counts them
     */
    public record Run(int variant, int segment, Usd pnl, int trades, int wins, int losses, Usd fees, Usd maxDrawdown,
                      double sharpe, long records, long events, long cpuNanos, String ledgerSha256,
                      List<BacktestReport.Group> byMarket) {
        public Run {
            byMarket = List.copyOf(byMarket);
        }
    }

    /** A variant's results: in-sample = segments 0..folds−1, out-of-sample = segments 1..folds. */
    public record Row(int variant, Map<String, String> settings, Usd inSamplePnl, Usd outOfSamplePnl,
                      int outOfSampleTrades, double outOfSampleWinRate, Usd worstOutOfSampleDrawdown,
                      double meanOutOfSampleSharpe, int chosenInFolds, List<BacktestReport.Group> outOfSampleByMarket) {
    }

    /** What a fold chose and what it earned, and what the best choice in hindsight would have earned. */
    public record FoldResult(Fold fold, int chosen, Usd chosenInSamplePnl, Usd chosenOutOfSamplePnl, int bestInHindsight,
                             Usd bestOutOfSamplePnl) {
    }

    /** Rows sorted by out-of-sample P&L (best first), the folds, skipped variants, timing. */
    public record Result(List<String> axes, List<Row> rows, List<FoldResult> folds, Usd walkForwardPnl,
                         List<String> skipped, int runs, long wallNanos, long cpuNanos, long events) {
        /** Events replayed per second of the sweep's wall time, all runs together (0 before any time passed). */
        public double eventsPerSecond() {
            return wallNanos <= 0 ? 0 : events * 1e9 / wallNanos;
        }
    }

    /** Called after each run (from the runner threads). */
    public interface Progress {
        void update(int done, int total);
    }

    private Sweep() {
    }

    /** Every combination, the first axis varying slowest. */
    public static List<Map<String, String>> grid(List<Axis> axes) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>(out.size() * a.values().size());
            for (Map<String, String> partial : out) {
                for (String v : a.values()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(a.name(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** {@code n} distinct combinations of the grid drawn with {@code seed} (all of them if n covers the grid). */
    public static List<Map<String, String>> random(List<Axis> axes, int n, long seed) {
        List<Map<String, String>> all = grid(axes);
        if (n >= all.size()) {
            return all;
        }
        Random random = new Random(seed);
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < n) {
            picked.add(random.nextInt(all.size()));
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int i : picked) {
            out.add(all.get(i));
        }
        return out;
    }

    /** {@code folds + 1} equal segments of [start, end), boundaries on whole seconds. */
    public static List<Instant> segments(Instant start, Instant end, int folds) {
        if (folds < 1) {
            throw new IllegalArgumentException("--folds must be >= 1");
        }
        long span = Duration.between(start, end).getSeconds();
        if (span < folds + 1) {
            throw new IllegalArgumentException("the data (" + start + " to " + end + ") is too short for " + folds
                    + " folds");
        }
        List<Instant> bounds = new ArrayList<>();
        for (int i = 0; i <= folds + 1; i++) {
            bounds.add(start.plusSeconds(span * i / (folds + 1)));
        }
        return bounds;
    }

    public static List<Fold> folds(List<Instant> bounds) {
        List<Fold> out = new ArrayList<>();
        for (int k = 1; k + 1 < bounds.size(); k++) {
            out.add(new Fold(k, bounds.get(k - 1), bounds.get(k), bounds.get(k), bounds.get(k + 1)));
        }
        return out;
    }

    /**
     * Runs the sweep.
     *
     * @param fixed    settings every variant shares (--set)
     * @param variants the combinations to try; invalid ones are skipped and listed
     */
    public static Result run(SettingsBase base, Map<String, String> fixed, List<Map<String, String>> variants,
                             DataSet data, Instant from, Instant to, int folds, int threads, Parallelism parallelism,
                             boolean resumeDaily, Progress progress) throws InterruptedException, ExecutionException {
        long wall0 = System.nanoTime();
        List<String> skipped = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        List<BotConfig> configs = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            Map<String, String> settings = new LinkedHashMap<>(fixed);
            settings.putAll(variants.get(v));
            ConfigLoader.Result r = base.with(settings);
            configs.add(r.config());
            if (r.ok()) {
                valid.add(v);
            } else {
                skipped.add("variant " + (v + 1) + " " + variants.get(v) + ": " + String.join("; ", r.errors()));
            }
        }
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("no valid variant: " + String.join(" | ", skipped));
        }
        BotConfig first = configs.get(valid.get(0));
        Instant start = from != null ? from : data.defaultFrom(first) != null ? data.defaultFrom(first) : data.start();
        Instant end = to != null ? to : data.defaultTo(first) != null ? data.defaultTo(first) : data.end();
        List<Instant> bounds = segments(start, end, folds);
        int segments = bounds.size() - 1;

        List<int[]> jobs = new ArrayList<>();
        for (int v : valid) {
            for (int s = 0; s < segments; s++) {
                jobs.add(new int[] {v, s});
            }
        }
        // at most `threads` backtests at once: groups of up to that many runs, as many groups at once as fit
        int budget = Math.max(1, threads);
        List<List<int[]>> groups = groups(jobs, job -> data.sourceKey(configs.get(job[0]),
                options(configs.get(job[0]), bounds, job[1], resumeDaily)), budget);
        int largest = groups.stream().mapToInt(List::size).max().orElse(1);
        Run[][] runs = new Run[variants.size()][segments];
        AtomicInteger done = new AtomicInteger();
        // per runner thread, the Vert.x instances of its groups' runs (VERTX_PER_THREAD: reused by its next group)
        ThreadLocal<List<Vertx>> perThread = ThreadLocal.withInitial(ArrayList::new);
        List<Vertx> created = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, budget / largest), r -> {
            Thread t = new Thread(r, "sweep-runner");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Run>>> futures = new ArrayList<>();
            for (List<int[]> group : groups) {
                futures.add(pool.submit(() -> {
                    List<Vertx> vertxes = vertxesFor(group.size(), parallelism, perThread.get(), created);
                    try {
                        return runGroup(vertxes, configs, data, bounds, resumeDaily, group,
                                () -> progress.update(done.incrementAndGet(), jobs.size()));
                    } finally {
                        if (parallelism == Parallelism.VERTX_PER_RUN) {
                            for (Vertx v : vertxes) {
                                v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                            }
                        }
                    }
                }));
            }
            for (Future<List<Run>> f : futures) {
                for (Run r : f.get()) {
                    runs[r.variant()][r.segment()] = r;
                }
            }
        } finally {
            pool.shutdownNow();
            for (Vertx v : created) {
                v.close();
            }
        }
        return assemble(variants, valid, runs, bounds, skipped, axesOf(variants), jobs.size(),
                System.nanoTime() - wall0);
    }

    /**
     * A Vert.x per run of a group: VERTX_PER_THREAD takes the runner thread's own ({@code mine}, grown as needed and
     * each new one listed in {@code created} to close at the end); VERTX_PER_RUN makes new ones.
     */
    private static List<Vertx> vertxesFor(int runs, Parallelism parallelism, List<Vertx> mine, List<Vertx> created) {
        if (parallelism == Parallelism.VERTX_PER_RUN) {
            List<Vertx> fresh = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                fresh.add(Backtest.newVertx());
            }
            return fresh;
        }
        while (mine.size() < runs) {
            Vertx v = Backtest.newVertx();
            mine.add(v);
            created.add(v);
        }
        return List.copyOf(mine.subList(0, runs));
    }

    private static List<String> axesOf(List<Map<String, String>> variants) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, String> v : variants) {
            names.addAll(v.keySet());
        }
        return List.copyOf(names);
    }

    private static Backtest.Options options(BotConfig config, List<Instant> bounds, int segment, boolean resumeDaily) {
        return Backtest.Options.window(config, bounds.get(segment), bounds.get(segment + 1), resumeDaily);
    }

    /**
     * Jobs cut into groups that run together: jobs whose data's {@link DataSet#sourceKey} is equal (and present) go
     * in groups of at most {@code max}, as even as possible (9 jobs with a max of 4: three groups of 3); the others
     * alone. A group's runs replay together on one opening of the data, each on its own event loop.
     */
    static List<List<int[]>> groups(List<int[]> jobs, java.util.function.Function<int[], java.util.Optional<Object>> key,
                                    int max) {
        Map<Object, List<int[]>> byKey = new LinkedHashMap<>();
        List<List<int[]>> out = new ArrayList<>();
        for (int[] job : jobs) {
            java.util.Optional<Object> k = key.apply(job);
            if (k.isPresent()) {
                byKey.computeIfAbsent(k.get(), x -> new ArrayList<>()).add(job);
            } else {
                out.add(List.of(job));
            }
        }
        for (List<int[]> same : byKey.values()) {
            int parts = (same.size() + max - 1) / max;
            for (int p = 0; p < parts; p++) {
                out.add(List.copyOf(same.subList(same.size() * p / parts, same.size() * (p + 1) / parts)));
            }
        }
        return out;
    }

    /**
     * Runs a group's backtests at once, one per Vert.x, over one opening of the data when there are several
     * ({@link SharedRecords}: the records are made or read once for all of them). Blocking.
     */
    static List<Run> runGroup(List<Vertx> vertxes, List<BotConfig> configs, DataSet data, List<Instant> bounds,
                              boolean resumeDaily, List<int[]> group, Runnable onEachDone) throws Exception {
        int[] head = group.get(0);
        BotConfig headConfig = configs.get(head[0]);
        RecordSource opened = data.open(headConfig, options(headConfig, bounds, head[1], resumeDaily));
        List<RecordSource> sources = group.size() == 1 ? List.of(opened) : SharedRecords.open(opened, group.size());
        List<java.util.concurrent.CompletableFuture<Run>> running = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            int[] job = group.get(i);
            BotConfig config = configs.get(job[0]);
            RecordSource source = sources.get(i);
            running.add(Backtest.run(vertxes.get(i), config, data.decider(config), source,
                            options(config, bounds, job[1], resumeDaily))
                    // a run that stopped before reading to the end must not hold the others back (closing twice is
                    // harmless: Backtest.run closes its source too)
                    .onComplete(ar -> closeQuietly(source))
                    .map(run -> {
                        onEachDone.run();
                        return toRun(job[0], job[1], run);
                    })
                    .toCompletionStage().toCompletableFuture());
        }
        List<Run> out = new ArrayList<>();
        for (java.util.concurrent.CompletableFuture<Run> r : running) {
            out.add(r.get(7, TimeUnit.DAYS));
        }
        return out;
    }

    private static void closeQuietly(RecordSource source) {
        try {
            source.close();
        } catch (java.io.IOException | RuntimeException e) {
            // the run's own result says what went wrong
        }
    }

    private static Run toRun(int variant, int segment, BacktestRun run) {
        BacktestReport.Summary s = BacktestReport.of(run);
        return new Run(variant, segment, s.pnl(), s.trades(), s.wins(), s.losses(), s.fees(), s.maxDrawdown(),
                s.sharpePerWindow(), run.stats().records(), run.stats().events(), run.stats().cpuNanos(),
                run.ledgerSha256(), s.byMarket());
    }

    /** Folds and rows from the run matrix (pure; tested on its own). */
    static Result assemble(List<Map<String, String>> variants, List<Integer> valid, Run[][] runs,
                           List<Instant> bounds, List<String> skipped, List<String> axes, int runCount,
                           long wallNanos) {
        List<Fold> folds = folds(bounds);
        int[] chosen = new int[variants.size()];
        List<FoldResult> foldResults = new ArrayList<>();
        Usd walkForward = Usd.ZERO;
        for (Fold f : folds) {
            int is = f.index() - 1;
            int oos = f.index();
            int pick = best(valid, runs, is);
            int hindsight = best(valid, runs, oos);
            chosen[pick]++;
            walkForward = walkForward.plus(runs[pick][oos].pnl());
            foldResults.add(new FoldResult(f, pick, runs[pick][is].pnl(), runs[pick][oos].pnl(), hindsight,
                    runs[hindsight][oos].pnl()));
        }
        long cpu = 0;
        long events = 0;
        List<Row> rows = new ArrayList<>();
        for (int v : valid) {
            Usd isPnl = Usd.ZERO;
            Usd oosPnl = Usd.ZERO;
            int trades = 0;
            int wins = 0;
            int decided = 0;
            Usd worstDd = Usd.ZERO;
            double sharpe = 0;
            int sharpeN = 0;
            Map<String, BacktestReport.Group> byMarket = new java.util.TreeMap<>();
            for (int s = 0; s < runs[v].length; s++) {
                Run r = runs[v][s];
                cpu += r.cpuNanos();
                events += r.events();
                if (s < runs[v].length - 1) {
                    isPnl = isPnl.plus(r.pnl());
                }
                if (s > 0) {
                    oosPnl = oosPnl.plus(r.pnl());
                    trades += r.trades();
                    wins += r.wins();
                    decided += r.wins() + r.losses();
                    worstDd = Usd.max(worstDd, r.maxDrawdown());
                    for (BacktestReport.Group g : r.byMarket()) {
                        byMarket.merge(g.key(), g, (a, b) -> new BacktestReport.Group(a.key(), a.trades() + b.trades(),
                                a.wins() + b.wins(), a.losses() + b.losses(), a.pnl().plus(b.pnl()),
                                a.fees().plus(b.fees())));
                    }
                    if (Double.isFinite(r.sharpe())) {
                        sharpe += r.sharpe();
                        sharpeN++;
                    }
                }
            }
            rows.add(new Row(v + 1, variants.get(v), isPnl, oosPnl, trades, decided == 0 ? 0 : (double) wins / decided,
                    worstDd, sharpeN == 0 ? Double.NaN : sharpe / sharpeN, chosen[v], List.copyOf(byMarket.values())));
        }
        rows.sort(Comparator.comparing(Row::outOfSamplePnl).reversed().thenComparingInt(Row::variant));
        List<FoldResult> numbered = new ArrayList<>();
        for (FoldResult f : foldResults) {
            numbered.add(new FoldResult(f.fold(), f.chosen() + 1, f.chosenInSamplePnl(), f.chosenOutOfSamplePnl(),
                    f.bestInHindsight() + 1, f.bestOutOfSamplePnl()));
        }
        return new Result(axes, rows, numbered, walkForward, List.copyOf(skipped), runCount, wallNanos, cpu, events);
    }

    /** The valid variant with the highest P&L on a segment; ties go to the earlier variant. */
    private static int best(List<Integer> valid, Run[][] runs, int segment) {
        int best = valid.get(0);
        for (int v : valid) {
            if (runs[v][segment].pnl().greaterThan(runs[best][segment].pnl())) {
                best = v;
            }
        }
        return best;
    }

    /** The results table as CSV, best out-of-sample P&L first. */
    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder("rank,variant");
        for (String a : r.axes()) {
            sb.append(',').append(a);
        }
        sb.append(",in_sample_pnl,out_of_sample_pnl,out_of_sample_trades,out_of_sample_win_rate,"
                + "worst_out_of_sample_drawdown,mean_out_of_sample_sharpe,chosen_in_folds\n");
        int rank = 1;
        for (Row row : r.rows()) {
            sb.append(rank++).append(',').append(row.variant());
            for (String a : r.axes()) {
                sb.append(',').append(row.settings().getOrDefault(a, ""));
            }
            sb.append(',').append(row.inSamplePnl().format()).append(',').append(row.outOfSamplePnl().format())
                    .append(',').append(row.outOfSampleTrades())
                    .append(',').append(String.format(java.util.Locale.ROOT, "%.4f", row.outOfSampleWinRate()))
                    .append(',').append(row.worstOutOfSampleDrawdown().format())
                    .append(',').append(Double.isFinite(row.meanOutOfSampleSharpe())
                            ? String.format(java.util.Locale.ROOT, "%.6f", row.meanOutOfSampleSharpe()) : "")
                    .append(',').append(row.chosenInFolds()).append('\n');
        }
        return sb.toString();
    }

    /** Each variant's out-of-sample results per market series, in the ranking of {@link #csv}. */
    public static String byMarketCsv(Result r) {
        StringBuilder sb = new StringBuilder("rank,variant,market,out_of_sample_pnl,out_of_sample_trades,"
                + "out_of_sample_win_rate,out_of_sample_fees\n");
        int rank = 1;
        for (Row row : r.rows()) {
            for (BacktestReport.Group g : row.outOfSampleByMarket()) {
                sb.append(rank).append(',').append(row.variant()).append(',').append(g.key()).append(',')
                        .append(g.pnl().format()).append(',').append(g.trades()).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.4f", g.winRate())).append(',')
                        .append(g.fees().format()).append('\n');
            }
            rank++;
        }
        return sb.toString();
    }

    /** The folds as CSV. */
    public static String foldsCsv(Result r) {
        StringBuilder sb = new StringBuilder("fold,in_sample_from,in_sample_to,out_of_sample_from,out_of_sample_to,"
                + "chosen_variant,chosen_in_sample_pnl,chosen_out_of_sample_pnl,best_variant_in_hindsight,"
                + "best_out_of_sample_pnl\n");
        for (FoldResult f : r.folds()) {
            sb.append(f.fold().index()).append(',').append(f.fold().isFrom()).append(',').append(f.fold().isTo())
                    .append(',').append(f.fold().oosFrom()).append(',').append(f.fold().oosTo()).append(',')
                    .append(f.chosen()).append(',').append(f.chosenInSamplePnl().format()).append(',')
                    .append(f.chosenOutOfSamplePnl().format()).append(',').append(f.bestInHindsight()).append(',')
                    .append(f.bestOutOfSamplePnl().format()).append('\n');
        }
        return sb.toString();
    }
}
