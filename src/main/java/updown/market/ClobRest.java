package updown.market;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Optional;
import updown.net.Counters;
import updown.net.HttpJsonClient;
import updown.net.HttpReply;
import updown.net.ParseResult;
import updown.net.Urls;

/** CLOB REST market data: {@code /book} and {@code /markets/{conditionId}}. */
final class ClobRest {
    /** What {@code /book} said: a book, "no orderbook" (404), or an unreadable answer. */
    sealed interface BookAnswer {
        record Found(RestBook book) implements BookAnswer {
        }

        record NoOrderbook(String detail) implements BookAnswer {
        }

        record Unreadable(String detail) implements BookAnswer {
        }
    }

    private final HttpJsonClient http;
    private final URI base;
    private final Counters counters;

    ClobRest(HttpJsonClient http, URI base, Counters counters) {
        this.http = http;
        this.base = base;
        this.counters = counters;
    }

    Future<BookAnswer> book(String tokenId) {
        return http.get(base, "/book?token_id=" + Urls.enc(tokenId)).map(this::bookAnswer);
    }

    private BookAnswer bookAnswer(HttpReply reply) {
        if (reply.status() == 404) {
            // also what a resolved market's token answers; never read as a resolution
            return new BookAnswer.NoOrderbook("HTTP 404");
        }
        if (!reply.ok()) {
            return new BookAnswer.Unreadable("HTTP " + reply.status());
        }
        ParseResult<RestBook> r = ClobParser.parseBook(reply.body());
        if (!r.isOk()) {
            counters.parseError(r.error());
            return new BookAnswer.Unreadable(r.error().toString());
        }
        return r.value().noBook() ? new BookAnswer.NoOrderbook("all-zero hash, no levels")
                : new BookAnswer.Found(r.value());
    }

    /** The CLOB's view of a market (for the resolution cross-check); empty when unknown or unreadable. */
    Future<Optional<ClobMarketInfo>> market(String conditionId) {
        return http.get(base, "/markets/" + Urls.enc(conditionId)).map(reply -> {
            if (!reply.ok()) {
                return Optional.empty();
            }
            ParseResult<ClobMarketInfo> r = ClobParser.parseMarket(reply.body());
            if (!r.isOk()) {
                counters.parseError(r.error());
                return Optional.empty();
            }
            return Optional.of(r.value());
        });
    }
}
