package updown.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import updown.domain.ResultCode;

/** Request/reply helpers so every component fails and reads failures the same way: a {@link ResultCode}. */
public final class Replies {
    private Replies() {
    }

    public static void fail(Message<?> message, ResultCode code, String text) {
        message.fail(code.number(), text);
    }

    /** The result code carried by a failed request, STORAGE_FAILED for anything unexpected (timeouts included). */
    public static ResultCode codeOf(Throwable failure) {
        if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            return ResultCode.ofNumber(re.failureCode());
        }
        return ResultCode.STORAGE_FAILED;
    }

    /** A typed view of a reply body. */
    public static <T> Future<T> body(Future<Message<Object>> reply, Class<T> type) {
        return reply.map(m -> type.cast(m.body()));
    }
}
