package updown.notify;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * The Bot API as the notifier needs it. Every future completes on the notifier's context; failures are
 * {@link SendFailure}s with the token already removed. Nothing here blocks the caller.
 */
interface TelegramGateway {

    /** Sends one message or photo to the configured chat. */
    Future<Void> send(Outgoing message);

    /** Stops the button's spinner, optionally with a short toast text (null for none). */
    Future<Void> answer(String callbackId, String text);

    /** Starts receiving commands and button presses; each arrives on the notifier's context. */
    void startPolling(Handler<Incoming> onIncoming);

    /** The bot's @username once known (for "/cmd@BotName" in groups), else null. */
    String botUserName();

    Future<Void> close();
}
