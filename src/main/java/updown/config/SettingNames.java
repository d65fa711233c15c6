package updown.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the settings, and which setting a name that is not one was probably meant to be: a mistyped name in
 * {@code .env} or the environment is otherwise ignored without a word, and the bot runs on the default instead.
 *
 * <p>A name is "close" to a setting when at most {@link #reach} edits (insert, delete, substitute, swap two
 * neighbours; case ignored) turn it into the setting's name. Every name lookup goes through {@link #closest}, so a
 * later family of names (per-market overrides such as {@code ETH_15M_EMA_FAST}) is one more case there: match the
 * part after the market prefix, and put the prefix back on the suggestion.
 */
public final class SettingNames {
    /** {@code <ASSET>_<N>M_} then the rest: the shape of a per-market override's name. */
    private static final Pattern MARKET_PREFIX = Pattern.compile("^([A-Z0-9]{2,10}_\\d{1,4}M_)([A-Z_]+)$");
    private final Set<String> known;

    public SettingNames(Collection<String> known) {
        this.known = new TreeSet<>(known);
    }

    /** The names the loader knows (the defaults' keys), from the working directory's view. */
    public static SettingNames of(java.nio.file.Path workDir) {
        return new SettingNames(ConfigLoader.knownNames(workDir));
    }

    /** A setting's own name, or a per-market override of one ({@code ETH_15M_EMA_FAST}). */
    public boolean isSetting(String name) {
        return known.contains(name) || ConfigLoader.isMarketOverride(name);
    }

    /** The setting {@code name} is a typo of (the nearest; the first in order among equally near ones), if any. */
    public Optional<String> closest(String name) {
        if (isSetting(name)) {
            return Optional.empty();
        }
        String upper = name.toUpperCase(Locale.ROOT);
        Matcher override = MARKET_PREFIX.matcher(upper);
        if (override.matches()) {
            // ETH_15M_EMA_FASTT: the market part is fine, the setting part is the typo
            return nearest(override.group(2), ConfigLoader.PER_MARKET).map(s -> override.group(1) + s);
        }
        return nearest(upper, known);
    }

    private static Optional<String> nearest(String upper, Collection<String> candidates) {
        String best = null;
        int bestDistance = reach(upper) + 1;
        for (String candidate : new TreeSet<>(candidates)) {
            if (Math.abs(candidate.length() - upper.length()) >= bestDistance) {
                continue; // the distance is at least the difference in length: it cannot be nearer
            }
            int d = EditDistance.between(upper, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "{@code BET_SIZ is not a setting; did you mean BET_SIZE?}", or without the question when nothing is near. */
    public String notASetting(String name) {
        return closest(name).map(s -> name + " is not a setting; did you mean " + s + "?")
                .orElse(name + " is not a setting");
    }

    /** One warning per name in a {@code .env} file that is not a setting (the file is ours: every stray is news). */
    public List<String> dotEnvWarnings(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!isSetting(n)) {
                out.add(".env: " + notASetting(n) + " (ignored)");
            }
        }
        return out;
    }

    /**
     * One warning per environment variable that is a typo of a setting. The environment is shared with everything
     * else on the machine (PATH, HOME, JAVA_HOME, ...): a name far from every setting is none of our business.
     */
    public List<String> environmentWarnings(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : new TreeSet<>(names)) {
            closest(n).ifPresent(s -> out.add("environment: " + n + " is not a setting; did you mean " + s
                    + "? (ignored)"));
        }
        return out;
    }

    /** Edits allowed: one for a short name, two from ten characters on (short names are too easily near another). */
    static int reach(String name) {
        return name.length() >= 10 ? 2 : 1;
    }
}
