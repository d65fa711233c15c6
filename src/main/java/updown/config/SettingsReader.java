package updown.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import updown.domain.Micros;
import updown.domain.Ratio;
import updown.domain.Usd;

/**
 * Reads typed settings out of the merged raw values and collects every problem instead of stopping at the first,
 * so one run reports all bad settings at once, one line each ({@code NAME=value: what is wrong}). It remembers
 * every name it was asked for: that set must equal the variables in {@code .env.example}.
 */
final class SettingsReader {
    private final Map<String, String> raw;
    private final Set<String> secrets;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<String> errors = new ArrayList<>();
    /** Names whose value came from a per-market override, and that override's name (shown in errors). */
    private final Map<String, String> shownAs;

    SettingsReader(Map<String, String> raw, Set<String> secrets) {
        this(raw, secrets, Map.of());
    }

    private SettingsReader(Map<String, String> raw, Set<String> secrets, Map<String, String> shownAs) {
        this.raw = raw;
        this.secrets = secrets;
        this.shownAs = shownAs;
    }

    /**
     * A reader for one market: each name in {@code overridable} reads {@code prefix + name} when that is set, else
     * the global name; its errors name the setting the value came from ({@code ETH_15M_EMA_FAST=...}).
     */
    SettingsReader overriding(String prefix, Set<String> overridable) {
        Map<String, String> merged = new java.util.HashMap<>(raw);
        Map<String, String> shown = new java.util.HashMap<>();
        for (String name : overridable) {
            String v = raw.get(prefix + name);
            if (v != null && !v.isBlank()) {
                merged.put(name, v);
                shown.put(name, prefix + name);
            }
        }
        return new SettingsReader(merged, secrets, shown);
    }

    /** The name a setting is reported under: its per-market override's when the value came from there. */
    String shown(String name) {
        return shownAs.getOrDefault(name, name);
    }

    List<String> errors() {
        return errors;
    }

    Set<String> namesRead() {
        return read;
    }

    private String value(String name) {
        read.add(name);
        String v = raw.get(name);
        return v == null ? "" : v.strip();
    }

    private void error(String name, String value, String problem) {
        String shown = secrets.contains(name) ? "<hidden>" : value;
        errors.add(shown(name) + "=" + shown + ": " + problem);
    }

    String string(String name) {
        return value(name);
    }

    Secret secret(String name) {
        return Secret.of(value(name));
    }

    boolean bool(String name) {
        String v = value(name).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off", "" -> false;
            default -> {
                error(name, v, "must be true or false");
                yield false;
            }
        };
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String v = value(name);
        for (E c : type.getEnumConstants()) {
            if (c.name().equalsIgnoreCase(v)) {
                return c;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
            allowed.add(c.name().toLowerCase(Locale.ROOT));
        }
        error(name, v, "must be one of " + String.join("|", allowed));
        return fallback;
    }

    private BigDecimal decimal(String name) {
        String v = value(name);
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.scale() > Micros.SCALE && d.stripTrailingZeros().scale() > Micros.SCALE) {
                error(name, v, "at most 6 decimals");
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            error(name, v, "not a number");
            return null;
        }
    }

    /** Dollars, {@code > 0} (or {@code >= 0} when zero is allowed). */
    Usd usd(String name, boolean zeroAllowed) {
        BigDecimal d = decimal(name);
        if (d == null) {
            return Usd.ZERO;
        }
        if (d.signum() < 0 || (!zeroAllowed && d.signum() == 0)) {
            error(name, value(name), zeroAllowed ? "must be >= 0" : "must be > 0");
            return Usd.ZERO;
        }
        if (d.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
            error(name, value(name), "must be <= 1000000000");
            return Usd.ZERO;
        }
        return Usd.of(d);
    }

    /** A fraction in (0, 1] ({@code [0, 1]} when zero is allowed). */
    Ratio ratio(String name, boolean zeroAllowed) {
        BigDecimal d = decimal(name);
        if (d == null) {
            return Ratio.ZERO;
        }
        boolean low = zeroAllowed ? d.signum() < 0 : d.signum() <= 0;
        if (low || d.compareTo(BigDecimal.ONE) > 0) {
            error(name, value(name), (zeroAllowed ? "must be >= 0" : "must be > 0") + " and <= 1");
            return Ratio.ZERO;
        }
        return Ratio.of(d);
    }

    long integer(String name, long min, long max) {
        String v = value(name);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                error(name, v, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            error(name, v, "not a whole number");
            return min;
        }
    }

    int integer(String name, int min, int max) {
        return (int) integer(name, (long) min, (long) max);
    }

    URI url(String name, Set<String> schemes) {
        String v = value(name);
        try {
            URI u = new URI(v);
            if (u.getScheme() == null || !schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
                    || u.getHost() == null) {
                // sorted: Set.of iterates in an order that changes from run to run, the message must not
                error(name, v, "must be a " + String.join("/", new java.util.TreeSet<>(schemes)) + " URL");
            }
            return u;
        } catch (URISyntaxException e) {
            error(name, v, "not a URL");
            return URI.create("http://invalid.invalid");
        }
    }

    Path path(String name) {
        String v = value(name);
        if (v.isEmpty()) {
            error(name, v, "must not be empty");
            return Path.of(".");
        }
        return Path.of(v);
    }

    <T> List<T> list(String name, Function<String, T> parse, String what) {
        String v = value(name);
        List<T> out = new ArrayList<>();
        if (v.isEmpty()) {
            return out;
        }
        for (String part : v.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(parse.apply(p));
            } catch (RuntimeException e) {
                error(name, v, "'" + p + "' is not " + what);
            }
        }
        return out;
    }

    /** Adds a cross-setting problem (e.g. EMA_FAST >= EMA_SLOW). */
    void problem(String line) {
        errors.add(line);
    }
}
