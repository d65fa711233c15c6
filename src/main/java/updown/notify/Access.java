package updown.notify;

import java.util.Set;

/**
 * Who may command the bot: only the configured chat, and inside it only the listed users when a list is set.
 * Everyone else is ignored without an answer.
 */
final class Access {
    private final String chatId;
    private final Set<Long> allowedUsers;

    Access(String chatId, Set<Long> allowedUsers) {
        this.chatId = chatId == null ? "" : chatId.strip();
        this.allowedUsers = Set.copyOf(allowedUsers);
    }

    boolean chatAllowed(Long chat) {
        return chat != null && !chatId.isEmpty() && chatId.equals(Long.toString(chat));
    }

    boolean allowed(Incoming in) {
        return chatAllowed(in.chatId()) && (allowedUsers.isEmpty() || allowedUsers.contains(in.userId()));
    }

    /** Why a message was refused, for the audit trail. */
    String refusal(Incoming in) {
        return chatAllowed(in.chatId()) ? "denied:user" : "denied:chat";
    }
}
