package updown.notify;

/** What the bot hears, already lifted out of the library's Update objects (immutable, safe to pass between threads). */
sealed interface Incoming {
    long userId();

    String userName();

    /** Null when Telegram did not say (a button under a message too old to be accessible). */
    Long chatId();

    /** A text message starting with '/'. */
    record CommandMessage(Long chatId, long userId, String userName, String text) implements Incoming {
    }

    /** A press on one of our inline buttons. */
    record ButtonPress(String callbackId, Long chatId, long userId, String userName, String data)
            implements Incoming {
    }
}
