package updown.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import updown.domain.MarketKey;

/**
 * Recognises the slugs of the series we trade without hard-coding one spelling: a slug matches an (asset, window)
 * pair when it contains the asset token ("btc") and the window token ("5m") as whole dash-separated words, in any
 * order. So {@code btc-updown-5m-1778584200} and a renamed {@code updown-5m-btc-1778584200} both match BTC/5,
 * while {@code btc-updown-15m-…} does not match 5.
 */
final class SlugMatcher {
    record Match(String asset, int windowMinutes) {
    }

    private record Rule(String asset, int minutes, Pattern pattern) {
    }

    private final List<Rule> rules = new ArrayList<>();

    SlugMatcher(List<MarketKey> markets) {
        for (MarketKey key : markets) {
            String a = key.asset();
            int w = key.windowMinutes();
            String asset = Pattern.quote(a.toLowerCase(Locale.ROOT));
            String window = Pattern.quote(w + "m");
            Pattern p = Pattern.compile("^(?=.*(?:^|[-_])" + asset + "(?:[-_]|$))(?=.*(?:^|[-_])" + window
                    + "(?:[-_]|$)).*$", Pattern.CASE_INSENSITIVE);
            rules.add(new Rule(a.toUpperCase(Locale.ROOT), w, p));
        }
    }

    Optional<Match> match(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        for (Rule r : rules) {
            if (r.pattern().matcher(slug).matches()) {
                return Optional.of(new Match(r.asset(), r.minutes()));
            }
        }
        return Optional.empty();
    }
}
