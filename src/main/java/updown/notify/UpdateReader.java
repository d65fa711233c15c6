package updown.notify;

import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Lifts what we act on out of the library's mutable Update objects: commands (texts starting with '/') and button
 * presses. Anything else — plain chat, edits, joins, updates without a sender — is ignored. Runs on the polling
 * thread, so it never throws.
 */
final class UpdateReader {
    private UpdateReader() {
    }

    static Optional<Incoming> read(Update update) {
        if (update == null) {
            return Optional.empty();
        }
        if (update.hasMessage()) {
            Message m = update.getMessage();
            User from = m.getFrom();
            String text = m.getText();
            if (from == null || from.getId() == null || text == null || !text.strip().startsWith("/")) {
                return Optional.empty();
            }
            return Optional.of(new Incoming.CommandMessage(m.getChatId(), from.getId(), from.getUserName(), text));
        }
        if (update.hasCallbackQuery()) {
            CallbackQuery q = update.getCallbackQuery();
            User from = q.getFrom();
            if (from == null || from.getId() == null || q.getId() == null) {
                return Optional.empty();
            }
            MaybeInaccessibleMessage m = q.getMessage();
            Long chatId = m == null ? null : m.getChatId();
            String data = q.getData() == null ? "" : q.getData();
            return Optional.of(new Incoming.ButtonPress(q.getId(), chatId, from.getId(), from.getUserName(), data));
        }
        return Optional.empty();
    }
}
