package updown.market;

import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Window arithmetic: a window of N minutes starts at a multiple of N×60 s since the epoch, and the slug of an
 * up/down market carries that start in Unix seconds ({@code btc-updown-5m-1778584200}).
 */
final class Windows {
    private Windows() {
    }

    static Instant startOf(Instant t, int minutes) {
        long len = minutes * 60L;
        long s = Math.floorDiv(t.getEpochSecond(), len) * len;
        return Instant.ofEpochSecond(s);
    }

    /** The slug Polymarket uses for this asset, window length and start. */
    static String slug(String asset, int minutes, Instant start) {
        return asset.toLowerCase(Locale.ROOT) + "-updown-" + minutes + "m-" + start.getEpochSecond();
    }

    /** The trailing Unix seconds of a slug, when it ends in digits. */
    static OptionalLong slugEpochSeconds(String slug) {
        int i = slug.length();
        while (i > 0 && Character.isDigit(slug.charAt(i - 1))) {
            i--;
        }
        if (i == slug.length() || slug.length() - i > 12) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(slug.substring(i)));
    }

    /** The first token of a slug, upper-cased ("btc-updown-5m-…" → "BTC"). */
    static String assetOf(String slug) {
        int dash = slug.indexOf('-');
        return (dash > 0 ? slug.substring(0, dash) : slug).toUpperCase(Locale.ROOT);
    }
}
