package updown.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.MarketEvent;

class PlumbingTest {

    @Test
    @DisplayName("backoff doubles from the base up to the cap, with jitter between half and all of it, seeded")
    void backoff() {
        Backoff b = new Backoff(100, 1_000, new Random(42));
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (long c : ceilings) {
            long d = b.next();
            assertThat(d).as("seed 42, ceiling " + c).isBetween(c / 2, c);
        }
        assertThat(b.attempts()).isEqualTo(7);
        b.reset();
        assertThat(b.next()).isBetween(50L, 100L);
        // the same seed gives the same delays
        Backoff x = new Backoff(100, 1_000, new Random(7));
        Backoff y = new Backoff(100, 1_000, new Random(7));
        for (int i = 0; i < 20; i++) {
            assertThat(x.next()).isEqualTo(y.next());
        }
        assertThatThrownBy(() -> new Backoff(0, 10, new Random())).isInstanceOf(IllegalArgumentException.class);
        Backoff huge = new Backoff(1, Long.MAX_VALUE / 4, new Random(1));
        for (int i = 0; i < 100; i++) {
            assertThat(huge.next()).isPositive();
        }
    }

    @Test
    @DisplayName("Retry-After reads delta seconds and HTTP dates; garbage and negatives are ignored")
    void retryAfter() {
        Instant now = Instant.parse("2026-05-12T11:00:00Z");
        assertThat(RetryAfter.millis("15", now)).hasValue(15_000);
        assertThat(RetryAfter.millis(" 0 ", now)).hasValue(0);
        assertThat(RetryAfter.millis("Tue, 12 May 2026 11:00:30 GMT", now)).hasValue(30_000);
        assertThat(RetryAfter.millis("Tue, 12 May 2026 10:00:30 GMT", now)).hasValue(0);
        assertThat(RetryAfter.millis("-5", now)).isEmpty();
        assertThat(RetryAfter.millis("soon", now)).isEmpty();
        assertThat(RetryAfter.millis(null, now)).isEmpty();
        assertThat(RetryAfter.millis("99999999999999", now)).hasValue(86_400_000);
    }

    @Test
    @DisplayName("failures are classified: timeouts, refused connections, the rest")
    void classify() {
        assertThat(HttpJsonClient.classify(new java.util.concurrent.TimeoutException("x")).kind())
                .isEqualTo(HttpFailure.Kind.TIMEOUT);
        assertThat(HttpJsonClient.classify(new RuntimeException("The timeout period of 300ms has been exceeded")).kind())
                .isEqualTo(HttpFailure.Kind.TIMEOUT);
        assertThat(HttpJsonClient.classify(new java.net.ConnectException("refused")).kind())
                .isEqualTo(HttpFailure.Kind.CONNECT);
        assertThat(HttpJsonClient.classify(new IllegalStateException("closed")).kind()).isEqualTo(HttpFailure.Kind.IO);
    }

    @Test
    @DisplayName("a feed goes stale once after the limit without updates, and fresh once on the next update")
    void feedWatch() {
        Instant t0 = Instant.parse("2026-05-12T11:00:00Z");
        FeedWatch w = new FeedWatch("binance", 30_000, t0);
        assertThat(w.check(t0.plusSeconds(30))).isEmpty();
        MarketEvent.FeedHealth stale = w.check(t0.plusSeconds(31)).orElseThrow();
        assertThat(stale.stale()).isTrue();
        assertThat(stale.reason()).isEqualTo("no update since start, 31000 ms");
        assertThat(w.check(t0.plusSeconds(60))).isEmpty();
        MarketEvent.FeedHealth back = w.onUpdate(t0.plusSeconds(61)).orElseThrow();
        assertThat(back.stale()).isFalse();
        assertThat(back.reason()).isEqualTo("updates resumed");
        assertThat(w.onUpdate(t0.plusSeconds(62))).isEmpty();
        assertThat(w.check(t0.plusSeconds(93)).orElseThrow().reason()).isEqualTo("no update for 31000 ms");
    }

    @Test
    @DisplayName("URLs join with or without trailing slashes and path prefixes; websocket parts are derived")
    void urls() {
        assertThat(Urls.join(java.net.URI.create("https://gamma-api.polymarket.com/"), "/events?slug=x"))
                .isEqualTo("https://gamma-api.polymarket.com/events?slug=x");
        assertThat(Urls.join(java.net.URI.create("http://127.0.0.1:8080/prefix"), "book"))
                .isEqualTo("http://127.0.0.1:8080/prefix/book");
        java.net.URI ws = java.net.URI.create("wss://ws-subscriptions-clob.polymarket.com/ws/market");
        assertThat(Urls.secure(ws)).isTrue();
        assertThat(Urls.port(ws)).isEqualTo(443);
        assertThat(Urls.requestUri(ws)).isEqualTo("/ws/market");
        java.net.URI b = java.net.URI.create(Urls.join(java.net.URI.create("wss://stream.binance.com:9443"),
                "/stream?streams=btcusdt@kline_1m"));
        assertThat(Urls.port(b)).isEqualTo(9443);
        assertThat(Urls.requestUri(b)).isEqualTo("/stream?streams=btcusdt@kline_1m");
        assertThat(Urls.requestUri(java.net.URI.create("ws://127.0.0.1:1"))).isEqualTo("/");
        assertThat(Urls.redact("http://h/x?token=secret")).isEqualTo("http://h/x?…");
    }

    @Test
    @DisplayName("counters count by name and parse-error kind")
    void counters() {
        Counters c = new Counters();
        c.inc("a");
        c.add("a", 2);
        c.parseError(new ParseError(ParseError.Kind.MISSING_FIELD, "x"));
        assertThat(c.get("a")).isEqualTo(3);
        assertThat(c.get("parse.MISSING_FIELD")).isEqualTo(1);
        assertThat(c.get("parse.errors")).isEqualTo(1);
        assertThat(c.get("nothing")).isZero();
        assertThat(c.snapshot()).containsKeys("a", "parse.errors");
    }
}
