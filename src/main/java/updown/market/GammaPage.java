package updown.market;

import java.util.List;
import updown.net.ParseError;

/** The markets a Gamma answer held, and the ones inside it that could not be read (skipped, counted). */
record GammaPage(List<GammaMarket> markets, List<ParseError> skipped) {
    GammaPage {
        markets = List.copyOf(markets);
        skipped = List.copyOf(skipped);
    }
}
