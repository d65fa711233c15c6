package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import updown.engine.live.VenueError.Kind;
import updown.testkit.Fixtures;
import updown.testkit.FakeClobTrading;

/**
 * The one error adapter, one row per venue message we know. Texts from docs.polymarket.com/resources/error-codes
 * (CLOB API error responses), Polymarket/clob-client-v2 {@code src/constants.ts} and Polymarket/py-clob-client-v2
 * {@code py_clob_client_v2/constants.py} ({@code order_version_mismatch}), the fixtures in {@code clob/} and the fake
 * venue's texts.
 */
@DisplayName("VenueErrors maps every known venue answer to one kind")
class VenueErrorsTest {

    static Stream<Arguments> documented() {
        return Stream.of(
                // global errors
                row(401, "Unauthorized/Invalid api key", Kind.UNAUTHORIZED),
                row(401, "Invalid L1 Request headers", Kind.UNAUTHORIZED),
                row(503, "Trading is currently disabled. Check polymarket.com for updates", Kind.TRADING_DISABLED),
                row(503, "Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.",
                        Kind.TRADING_DISABLED),
                row(429, "Too Many Requests", Kind.RATE_LIMITED),
                // POST /order
                row(400, "Invalid order payload", Kind.INVALID_ORDER),
                row(400, "the order owner has to be the owner of the API KEY", Kind.UNAUTHORIZED),
                row(400, "the order signer address has to be the address of the API KEY", Kind.UNAUTHORIZED),
                row(400, "'0x1234567890abcdef1234567890abcdef12345678' address banned", Kind.ACCOUNT_RESTRICTED),
                row(400, "'0x1234567890abcdef1234567890abcdef12345678' address in closed only mode",
                        Kind.ACCOUNT_RESTRICTED),
                row(503, "post-only mode: only post-only orders and cancels are allowed", Kind.POST_ONLY_PERIOD),
                row(400, "Too many orders in payload: 20, max allowed: 15", Kind.INVALID_REQUEST),
                // order processing errors
                row(400, "invalid post-only order: order crosses book", Kind.INVALID_ORDER),
                row(400, "order 0xabc is invalid. Price (0.555) breaks minimum tick size rule: 0.01",
                        Kind.INVALID_ORDER),
                row(400, "order 0xabc is invalid. Size (1) lower than the minimum: 5", Kind.BELOW_MIN_SIZE),
                row(400, "order 0xabc is invalid. Duplicated.", Kind.INVALID_ORDER),
                row(400, "order 0xabc crosses the book", Kind.INVALID_ORDER),
                row(400, "not enough balance / allowance", Kind.INSUFFICIENT_BALANCE),
                row(400, "invalid expiration", Kind.INVALID_ORDER),
                row(400, "order canceled in the CTF exchange contract", Kind.INVALID_ORDER),
                row(400, "order match delayed due to market conditions", Kind.MARKET_NOT_READY),
                row(400, "order couldn't be fully filled. FOK orders are fully filled or killed.", Kind.NO_MATCH),
                row(400, "no orders found to match with FAK order. FAK orders are partially filled or killed if no "
                        + "match is found.", Kind.NO_MATCH),
                row(400, "the market is not yet ready to process new orders", Kind.MARKET_NOT_READY),
                row(400, "invalid amount for a marketable BUY order ($0.9982), min size: $1", Kind.BELOW_MIN_SIZE),
                row(400, "order_version_mismatch", Kind.ORDER_VERSION_MISMATCH),
                // matching engine errors: a 5xx stays SERVER_ERROR whatever its text (the venue may have acted)
                row(425, "Too Early", Kind.ENGINE_RESTARTING),
                row(425, "", Kind.ENGINE_RESTARTING),
                row(500, "there are no matching orders", Kind.SERVER_ERROR),
                row(500, "FOK orders are filled or killed", Kind.SERVER_ERROR),
                row(500, "the trade contains rounding issues", Kind.SERVER_ERROR),
                row(500, "Internal server error", Kind.SERVER_ERROR),
                row(502, "", Kind.SERVER_ERROR),
                // cancel, query, markets, keys, balance
                row(400, "Invalid orderID", Kind.INVALID_REQUEST),
                row(404, "order not found", Kind.NOT_FOUND),
                row(400, "invalid order params payload", Kind.INVALID_REQUEST),
                row(400, "Invalid trade params payload", Kind.INVALID_REQUEST),
                row(400, "Invalid token id", Kind.INVALID_REQUEST),
                row(404, "market not found", Kind.NOT_FOUND),
                row(404, "No orderbook exists for the requested token id", Kind.NOT_FOUND),
                row(400, "Could not derive api key!", Kind.NOT_FOUND),
                row(400, "Could not create api key", Kind.UNKNOWN),
                row(400, "Invalid asset type", Kind.INVALID_REQUEST),
                row(400, "Invalid signature_type", Kind.INVALID_REQUEST),
                // the fake venue's own texts
                row(400, "invalid signature", Kind.INVALID_ORDER),
                row(400, FakeClobTrading.FOK_KILLED, Kind.NO_MATCH),
                row(400, FakeClobTrading.FAK_KILLED, Kind.NO_MATCH));
    }

    private static Arguments row(int status, String text, Kind kind) {
        return Arguments.of(status, text, kind);
    }

    @ParameterizedTest(name = "HTTP {0} \"{1}\" → {2}")
    @MethodSource("documented")
    @DisplayName("a documented venue error body maps to its kind and keeps the venue's text")
    void documentedBodies(int status, String text, Kind kind) {
        String body = "{\"error\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(text) + "}";
        VenueError e = VenueErrors.of(status, body);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.message()).isEqualTo(text);
    }

    @Test
    @DisplayName("the error field may be errorMsg (POST /order) or error_msg (heartbeat); a 200 refusal is classified too")
    void otherFields() {
        assertThat(VenueErrors.of(400, "{\"success\":false,\"errorMsg\":\"not enough balance / allowance\"}").kind())
                .isEqualTo(Kind.INSUFFICIENT_BALANCE);
        assertThat(VenueErrors.of(400, "{\"error_msg\":\"Invalid orderID\"}").kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(VenueErrors.refusal(200, "order couldn't be fully filled. FOK orders are fully filled or killed.")
                .kind()).isEqualTo(Kind.NO_MATCH);
        assertThat(VenueErrors.of(400, "{\"error\":{\"message\":\"invalid expiration\"}}").message())
                .isEqualTo("invalid expiration");
    }

    @Test
    @DisplayName("the post-only mode 503 is known by its code even when its text changes")
    void postOnlyCode() {
        VenueError e = VenueErrors.of(503, "{\"error\":\"new wording\",\"code\":\"post_only_mode\","
                + "\"retry_after_seconds\":79}");
        assertThat(e.kind()).isEqualTo(Kind.POST_ONLY_PERIOD);
        assertThat(e.kind().outcomeUnknown()).isFalse();
    }

    @Test
    @DisplayName("the clob/ error fixtures map to INVALID_REQUEST and NOT_FOUND")
    void fixtures() {
        assertThat(VenueErrors.of(400, Fixtures.fixture("clob/error-400-invalid-token-id.json")).kind())
                .isEqualTo(Kind.INVALID_REQUEST);
        assertThat(VenueErrors.of(404, Fixtures.fixture("clob/error-404-book-no-orderbook.json")).kind())
                .isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    @DisplayName("unknown text is UNKNOWN with the raw message kept, clipped to one line of 200 characters")
    void unknownKeepsText() {
        VenueError e = VenueErrors.of(400, "{\"error\":\"the moon is\\nin the wrong phase\"}");
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(e.kind().refused()).isTrue();
        assertThat(e.message()).isEqualTo("the moon is in the wrong phase");
        assertThat(e.describe()).isEqualTo("HTTP 400 \"the moon is in the wrong phase\"");
        String longText = "x".repeat(500);
        assertThat(VenueErrors.refusal(400, longText).message()).hasSize(VenueErrors.MAX_MESSAGE + 1).endsWith("…");
    }

    @Test
    @DisplayName("a body that is not JSON, or has no error text, gives the kind of its status and no text")
    void noText() {
        assertThat(VenueErrors.of(400, "<html>Bad Request</html>")).isEqualTo(new VenueError(Kind.UNKNOWN, 400, ""));
        assertThat(VenueErrors.of(500, null)).isEqualTo(new VenueError(Kind.SERVER_ERROR, 500, ""));
        assertThat(VenueErrors.of(404, "")).isEqualTo(new VenueError(Kind.NOT_FOUND, 404, ""));
        assertThat(VenueErrors.of(302, "").kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    @DisplayName("only the error text is kept: other fields of the body, such as credentials, never reach the message")
    void noSecrets() {
        String secret = "c2VjcmV0LXNob3VsZC1uZXZlci1sZWFr";
        VenueError e = VenueErrors.of(400, "{\"apiKey\":\"k-123\",\"secret\":\"" + secret + "\",\"passphrase\":\"pp\","
                + "\"error\":\"Could not create api key\"}");
        assertThat(e.message()).isEqualTo("Could not create api key");
        assertThat(e.toString()).doesNotContain(secret).doesNotContain("pp\"");
        assertThat(new ClobException("POST /auth/api-key", e).getMessage()).doesNotContain(secret);
    }

    @Test
    @DisplayName("no answer is NETWORK (timeouts and refused connections alike), with an unknown outcome")
    void transport() {
        VenueError timeout = VenueErrors.transport(new TimeoutException("The timeout period of 1000ms has been exceeded"));
        assertThat(timeout.kind()).isEqualTo(Kind.NETWORK);
        assertThat(timeout.status()).isZero();
        assertThat(timeout.outcomeUnknown()).isTrue();
        assertThat(timeout.describe()).startsWith("no answer (TimeoutException");
        assertThat(VenueErrors.transport(new ConnectException("Connection refused")).kind()).isEqualTo(Kind.NETWORK);
    }

    @Test
    @DisplayName("outcome: refusals are certain, 429/425/503 refusals were not processed, 5xx/no answer/garbage unknown")
    void outcomes() {
        assertThat(Kind.INSUFFICIENT_BALANCE.refused()).isTrue();
        assertThat(Kind.RATE_LIMITED.refused()).isFalse();
        assertThat(Kind.RATE_LIMITED.outcomeUnknown()).isFalse();
        assertThat(Kind.ENGINE_RESTARTING.outcomeUnknown()).isFalse();
        assertThat(Kind.SERVER_ERROR.outcomeUnknown()).isTrue();
        assertThat(Kind.NETWORK.outcomeUnknown()).isTrue();
        assertThat(Kind.MALFORMED.outcomeUnknown()).isTrue();
        assertThat(VenueErrors.malformed(200, "no readable balance").describe()).isEqualTo("no readable balance");
    }
}
