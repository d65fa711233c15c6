package updown.notify;

import java.util.regex.Pattern;

/**
 * Keeps the bot token out of every log line and error message. Request URLs carry the token
 * ({@code /bot<token>/sendMessage}) and an HTTP client's exception may quote them, so any text that came near a
 * request passes through here first.
 */
final class Redactor {
    /** Telegram tokens look like {@code 123456789:AA...} (digits, colon, 30+ URL-safe characters). */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d{3,}:[A-Za-z0-9_-]{20,}");
    static final String MASK = "<token>";

    private final String token;

    Redactor(String token) {
        this.token = token == null ? "" : token;
    }

    /** {@code text} with the token, and anything shaped like a token, replaced by {@value #MASK}. */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        String out = token.isEmpty() ? text : text.replace(token, MASK);
        return TOKEN_SHAPE.matcher(out).replaceAll(MASK);
    }

    /** One line describing a failure: its type and cleaned message, causes included, no stack trace. */
    String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        Throwable cur = t;
        int depth = 0;
        while (cur != null && depth < 4) {
            if (depth > 0) {
                b.append(" <- ");
            }
            b.append(cur.getClass().getSimpleName());
            if (cur.getMessage() != null) {
                b.append(": ").append(clean(cur.getMessage()));
            }
            cur = cur.getCause() == cur ? null : cur.getCause();
            depth++;
        }
        return b.toString().replaceAll("[\\r\\n]+", " ");
    }
}
