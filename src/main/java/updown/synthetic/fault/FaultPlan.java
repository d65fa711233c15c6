package updown.synthetic.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import updown.synthetic.random.Mix;

/**
 * Which faults the exchange injects and when: faults scheduled at a window (for tests that assert the bot rides
 * through one), and faults drawn at random, per window and kind, from a seed (for {@code simulate --faults}). The
 * random draw is a pure function of (seed, window, kind), so a run with the same seed meets the same faults, and the
 * seed is logged when the exchange starts. Immutable.
 *
 * <p>Spec syntax (SIM_FAULTS / --faults, comma-separated): {@code kind} = random faults of that kind;
 * {@code kind@W[:venue][+offsetS][/durationS]} = one fault in window W, e.g. {@code ws-drop@3:clob-ws},
 * {@code http-429@2:gamma+30/20}, {@code late-resolution@4/600}.
 */
public final class FaultPlan {
    /** Probability that a random fault of an enabled kind hits a given window. */
    public static final double DEFAULT_PROBABILITY = 0.2;
    private static final Pattern SPEC = Pattern.compile(
            "(?<kind>[a-z0-9-]+)(?:@(?<win>-?\\d+)(?::(?<venue>[a-z-]+))?(?:\\+(?<off>\\d+)s?)?(?:/(?<dur>\\d+)s?)?)?");
    private static final long RANDOM_OFFSET_MIN_S = 20;
    private static final long RANDOM_OFFSET_MAX_S = 240;

    private final long seed;
    private final Set<FaultKind> randomKinds;
    private final double probability;
    private final List<ScheduledFault> scheduled;

    private FaultPlan(long seed, Set<FaultKind> randomKinds, double probability, List<ScheduledFault> scheduled) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("fault probability must be in [0, 1], was " + probability);
        }
        this.seed = seed;
        this.randomKinds = randomKinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(randomKinds);
        this.probability = probability;
        this.scheduled = List.copyOf(scheduled);
    }

    public static FaultPlan none() {
        return new FaultPlan(0, Set.of(), DEFAULT_PROBABILITY, List.of());
    }

    /** Only these scheduled faults. */
    public static FaultPlan of(ScheduledFault... faults) {
        return new FaultPlan(0, Set.of(), DEFAULT_PROBABILITY, List.of(faults));
    }

    /** Random faults of these kinds, each hitting a window with {@link #DEFAULT_PROBABILITY}. */
    public static FaultPlan random(long seed, Collection<FaultKind> kinds) {
        return new FaultPlan(seed, kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds), DEFAULT_PROBABILITY,
                List.of());
    }

    /**
     * Parses fault specs (SIM_FAULTS, --faults); blank entries are ignored.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static FaultPlan parse(Collection<String> specs, long seed) {
        EnumSet<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        List<ScheduledFault> fixed = new ArrayList<>();
        for (String raw : specs) {
            String s = raw.strip().toLowerCase(java.util.Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            Matcher m = SPEC.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad fault spec '" + raw + "': expected kind or "
                        + "kind@window[:venue][+offsetSeconds][/durationSeconds]");
            }
            FaultKind kind = FaultKind.fromWireName(m.group("kind"));
            if (m.group("win") == null) {
                kinds.add(kind);
                continue;
            }
            Venue venue = m.group("venue") == null ? null : Venue.fromWireName(m.group("venue"));
            Duration offset = m.group("off") == null
                    ? (kind == FaultKind.LATE_RESOLUTION ? Duration.ZERO : ScheduledFault.DEFAULT_OFFSET)
                    : Duration.ofSeconds(Long.parseLong(m.group("off")));
            Duration duration = m.group("dur") == null ? kind.defaultDuration()
                    : Duration.ofSeconds(Long.parseLong(m.group("dur")));
            fixed.add(new ScheduledFault(kind, venue, Integer.parseInt(m.group("win")), offset, duration));
        }
        return new FaultPlan(seed, kinds, DEFAULT_PROBABILITY, fixed);
    }

    public FaultPlan with(ScheduledFault fault) {
        List<ScheduledFault> all = new ArrayList<>(scheduled);
        all.add(fault);
        return new FaultPlan(seed, randomKinds, probability, all);
    }

    public FaultPlan withProbability(double p) {
        return new FaultPlan(seed, randomKinds, p, scheduled);
    }

    public FaultPlan withSeed(long newSeed) {
        return new FaultPlan(newSeed, randomKinds, probability, scheduled);
    }

    public long seed() {
        return seed;
    }

    public Set<FaultKind> randomKinds() {
        return randomKinds.isEmpty() ? Set.of() : EnumSet.copyOf(randomKinds);
    }

    public double probability() {
        return probability;
    }

    public List<ScheduledFault> scheduled() {
        return scheduled;
    }

    public boolean isEmpty() {
        return randomKinds.isEmpty() && scheduled.isEmpty();
    }

    /** The longest time from a window's start to the end of a fault placed in it: how far back to look. */
    public Duration reach() {
        long max = RANDOM_OFFSET_MAX_S + randomKinds.stream().mapToLong(FaultKind::randomMaxSeconds).max().orElse(0);
        for (ScheduledFault f : scheduled) {
            max = Math.max(max, f.offset().plus(f.duration()).toSeconds() + 1);
        }
        return Duration.ofSeconds(max);
    }

    /** Every fault placed in window {@code index} (which starts at {@code windowStart}), scheduled ones first. */
    public List<FaultEvent> eventsInWindow(int index, Instant windowStart) {
        List<FaultEvent> out = new ArrayList<>();
        for (ScheduledFault f : scheduled) {
            if (f.window() != index) {
                continue;
            }
            Instant at = windowStart.plus(f.offset());
            if (f.kind() == FaultKind.LATE_RESOLUTION) {
                out.add(new FaultEvent(f.kind(), null, index, at, f.duration(), false));
            } else if (f.venue() != null) {
                out.add(new FaultEvent(f.kind(), f.venue(), index, at, f.duration(), false));
            } else {
                for (Venue v : f.kind().venues()) {
                    out.add(new FaultEvent(f.kind(), v, index, at, f.duration(), false));
                }
            }
        }
        // window 0 is left alone so the bot can start; history (negative windows) has no faults
        if (index >= 1) {
            for (FaultKind k : randomKinds) {
                if (Mix.unit(seed, 0x666C74, index, k.ordinal()) >= probability) {
                    continue;
                }
                Instant at = windowStart.plusSeconds(
                        Mix.between(RANDOM_OFFSET_MIN_S, RANDOM_OFFSET_MAX_S, seed, 0x6F6666, index, k.ordinal()));
                Duration d = Duration.ofSeconds(
                        Mix.between(k.randomMinSeconds(), k.randomMaxSeconds(), seed, 0x647572, index, k.ordinal()));
                Venue v = null;
                if (k != FaultKind.LATE_RESOLUTION) {
                    List<Venue> vs = k.venues();
                    v = vs.get((int) Mix.between(0, vs.size() - 1, seed, 0x76656E, index, k.ordinal()));
                }
                out.add(new FaultEvent(k, v, index, k == FaultKind.LATE_RESOLUTION ? windowStart : at, d, true));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "no faults";
        }
        StringBuilder b = new StringBuilder();
        if (!randomKinds.isEmpty()) {
            b.append("random ").append(randomKinds.stream().map(FaultKind::wireName).toList())
                    .append(" p=").append(probability).append(" seed ").append(seed);
        }
        for (ScheduledFault f : scheduled) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(f.kind().wireName()).append('@').append(f.window())
                    .append(f.venue() == null ? "" : ":" + f.venue().wireName())
                    .append('+').append(f.offset().toSeconds()).append("s/").append(f.duration().toSeconds())
                    .append('s');
        }
        return b.toString();
    }
}
