package updown.notify;

import java.time.Duration;

/**
 * Why a call to the Bot API failed, reduced to what the outbox needs to decide: wait, retry, fall back or give up.
 * Its message is already free of the bot token; it carries no cause (a library exception may spell the URL).
 */
final class SendFailure extends RuntimeException {
    enum Kind {
        /** 429: wait {@link #retryAfter()} and send again. */
        RETRY_AFTER,
        /** No HTTP answer at all (connection refused, timeout, DNS): retry with backoff, forever. */
        UNREACHABLE,
        /** 5xx or an unreadable answer: retry a few times. */
        SERVER_ERROR,
        /** Another 4xx: the request itself is wrong (bad markup, chat not found, bot blocked). */
        REJECTED
    }

    private final Kind kind;
    private final int code;
    private final Duration retryAfter;

    SendFailure(Kind kind, int code, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    static SendFailure retryAfter(Duration wait, String message) {
        return new SendFailure(Kind.RETRY_AFTER, 429, wait, message);
    }

    static SendFailure unreachable(String message) {
        return new SendFailure(Kind.UNREACHABLE, 0, null, message);
    }

    static SendFailure serverError(int code, String message) {
        return new SendFailure(Kind.SERVER_ERROR, code, null, message);
    }

    static SendFailure rejected(int code, String message) {
        return new SendFailure(Kind.REJECTED, code, null, message);
    }

    Kind kind() {
        return kind;
    }

    int code() {
        return code;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
