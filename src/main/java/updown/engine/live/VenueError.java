package updown.engine.live;

/**
 * What the CLOB (or the way to it) said when a request did not give a usable answer, as one {@link Kind} the engine
 * branches on. Made only by {@link VenueErrors}, the one place that reads venue error texts. {@code message} is the
 * venue's own text (its {@code error}/{@code errorMsg} field, at most 200 characters) or, for transport problems, the
 * exception's class and message: never a header, a request body or a secret.
 *
 * @param kind    what went wrong
 * @param status  the HTTP status, 0 when there was no answer
 * @param message the venue's text as received (kept even when the kind is known), empty when it gave none
 */
public record VenueError(Kind kind, int status, String message) {

    public enum Kind {
        /** {@code not enough balance / allowance}: the funder lacks pUSD or the exchange's allowance. */
        INSUFFICIENT_BALANCE(Outcome.REFUSED),
        /** A FOK that could not be filled entirely, or a FAK that found nothing to match: nothing was bought. */
        NO_MATCH(Outcome.REFUSED),
        /** Size or amount below the market's minimum. */
        BELOW_MIN_SIZE(Outcome.REFUSED),
        /** The order itself is wrong: payload, tick, signature, expiration, duplicate, crosses the book... */
        INVALID_ORDER(Outcome.REFUSED),
        /** The market moved to another exchange version than the order was signed for. */
        ORDER_VERSION_MISMATCH(Outcome.REFUSED),
        /** A request parameter other than the order was refused (token id, asset type, order id...). */
        INVALID_REQUEST(Outcome.REFUSED),
        /** The venue does not know the order (or market, or API key) asked about: HTTP 404 or "not found". */
        NOT_FOUND(Outcome.REFUSED),
        /** Bad or missing API key, L1/L2 headers, or an order whose owner/signer is not the key's. */
        UNAUTHORIZED(Outcome.REFUSED),
        /** The address is banned or in closed-only mode. */
        ACCOUNT_RESTRICTED(Outcome.REFUSED),
        /** The market does not take new orders yet, or delayed the match. */
        MARKET_NOT_READY(Outcome.REFUSED),
        /** HTTP 429: not processed. */
        RATE_LIMITED(Outcome.NOT_PROCESSED),
        /** HTTP 425: the matching engine is restarting; not processed. */
        ENGINE_RESTARTING(Outcome.NOT_PROCESSED),
        /** HTTP 503 post-only mode (after a restart): only post-only orders and cancels are taken. */
        POST_ONLY_PERIOD(Outcome.NOT_PROCESSED),
        /** HTTP 503: trading disabled or cancel-only. */
        TRADING_DISABLED(Outcome.NOT_PROCESSED),
        /** Any other HTTP 5xx: the venue may or may not have acted. */
        SERVER_ERROR(Outcome.UNKNOWN),
        /** No answer: timeout, refused or dropped connection. */
        NETWORK(Outcome.UNKNOWN),
        /** An answer that is not what the endpoint documents (not JSON, missing or mistyped fields). */
        MALFORMED(Outcome.UNKNOWN),
        /** A refusal whose text no rule knows; the text is kept in {@link VenueError#message()}. */
        UNKNOWN(Outcome.REFUSED);

        private final Outcome outcome;

        Kind(Outcome outcome) {
            this.outcome = outcome;
        }

        /** Whether the venue may have acted on the request although it gave no usable answer. */
        public boolean outcomeUnknown() {
            return outcome == Outcome.UNKNOWN;
        }

        /** Whether the venue answered and certainly did nothing because of the request itself or the account. */
        public boolean refused() {
            return outcome == Outcome.REFUSED;
        }
    }

    /** How sure we are about what the venue did with the request. */
    private enum Outcome { REFUSED, NOT_PROCESSED, UNKNOWN }

    public VenueError {
        message = message == null ? "" : message;
    }

    public boolean outcomeUnknown() {
        return kind.outcomeUnknown();
    }

    /** "HTTP 400 "not enough balance / allowance"", or the transport/parse text when there was no usable answer. */
    public String describe() {
        if (status <= 0 || kind == Kind.NETWORK || kind == Kind.MALFORMED) {
            return message;
        }
        return "HTTP " + status + (message.isEmpty() ? "" : " \"" + message + "\"");
    }
}
