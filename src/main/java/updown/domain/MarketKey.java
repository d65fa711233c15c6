package updown.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One traded market series: an asset × a window length, spelled {@code btc-5m}. Every market window the scanner
 * finds belongs to one key; risk caps, per-market settings, reports and the dashboard group by it.
 *
 * @param asset         upper-case asset symbol ("BTC")
 * @param windowMinutes window length in minutes (5 or 15)
 */
public record MarketKey(String asset, int windowMinutes) implements Comparable<MarketKey> {
    /** The assets Polymarket lists 5- and 15-minute up/down series for (API-FACTS). */
    public static final Set<String> ASSETS = Set.of("BTC", "ETH", "SOL", "XRP");
    /** The window lengths whose slugs follow {@code <asset>-updown-<N>m-<start>}. */
    public static final Set<Integer> WINDOWS = Set.of(5, 15);
    public static final MarketKey DEFAULT = new MarketKey("BTC", 5);

    private static final Pattern SPELLING = Pattern.compile("([a-z0-9]{2,10})-(\\d{1,4})m");
    private static final Pattern SLUG = Pattern.compile("^([a-z0-9]{2,10})-updown-(\\d{1,4})m-\\d+$");

    public MarketKey {
        Objects.requireNonNull(asset, "asset");
        asset = asset.toUpperCase(Locale.ROOT);
    }

    /**
     * Parses {@code eth-15m} (case-insensitive).
     *
     * @throws IllegalArgumentException with a one-line reason when the spelling, asset or window is not supported
     */
    public static MarketKey parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SPELLING.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not <asset>-<minutes>m (e.g. btc-5m)");
        }
        String asset = m.group(1).toUpperCase(Locale.ROOT);
        int minutes = Integer.parseInt(m.group(2));
        if (!ASSETS.contains(asset)) {
            throw new IllegalArgumentException("unknown asset " + asset + " (one of " + sorted(ASSETS) + ")");
        }
        if (!WINDOWS.contains(minutes)) {
            throw new IllegalArgumentException("unknown window " + minutes + "m (one of 5m, 15m)");
        }
        return new MarketKey(asset, minutes);
    }

    /** The key of an up/down slug ({@code eth-updown-15m-1766972400} → eth-15m), when it has that shape. */
    public static Optional<MarketKey> fromSlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        Matcher m = SLUG.matcher(slug.toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(new MarketKey(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** The key of a market: its asset and window length (whole minutes). */
    public static MarketKey of(Market market) {
        return new MarketKey(market.asset() == null ? "" : market.asset(),
                (int) market.windowLength().toMinutes());
    }

    /** The prefix of this market's setting overrides: {@code ETH_15M_} (so {@code ETH_15M_EMA_FAST}). */
    public String settingPrefix() {
        return asset + "_" + windowMinutes + "M_";
    }

    /** The Binance spot symbol quoting this asset in USDT ("ETHUSDT"). */
    public String binanceSymbol() {
        return asset + "USDT";
    }

    public Duration windowLength() {
        return Duration.ofMinutes(windowMinutes);
    }

    @Override
    public int compareTo(MarketKey o) {
        int c = asset.compareTo(o.asset);
        return c != 0 ? c : Integer.compare(windowMinutes, o.windowMinutes);
    }

    /** {@code btc-5m}. */
    @Override
    public String toString() {
        return asset.toLowerCase(Locale.ROOT) + "-" + windowMinutes + "m";
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", new java.util.TreeSet<>(s));
    }
}
