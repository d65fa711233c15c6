package updown.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Telegram's HTML parse mode: the three characters that must be escaped in text, a plain-text fallback, and
 * splitting long messages at line boundaries (a message holds at most 4096 characters).
 */
final class Html {
    /** Telegram's limit for one message's text (after entity parsing; we count before, which is stricter). */
    static final int MAX_MESSAGE = 4096;
    /** Telegram's limit for a photo caption. */
    static final int MAX_CAPTION = 1024;

    private Html() {
    }

    /** Escapes text (market titles, reasons, names) so it can never open a tag or an entity. Null reads as "". */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String bold(String plainText) {
        return "<b>" + escape(plainText) + "</b>";
    }

    /**
     * The same message without markup: tags removed and entities decoded. Used when Telegram refuses our HTML
     * (400 "can't parse entities"), so an alert still arrives.
     */
    static String toPlain(String html) {
        String noTags = html.replaceAll("<[^>]*>", "");
        return noTags.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /**
     * Splits a message into parts of at most {@code max} characters, breaking between lines. Every line we build is
     * self-contained HTML (no tag spans a line break), so each part stays valid markup. A single line longer than
     * {@code max} is cut hard (it is never one of ours: lines are short).
     */
    static List<String> split(String html, int max) {
        List<String> parts = new ArrayList<>();
        if (html.length() <= max) {
            parts.add(html);
            return parts;
        }
        StringBuilder cur = new StringBuilder();
        for (String line : html.split("\n", -1)) {
            while (line.length() > max) {
                if (cur.length() > 0) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                }
                parts.add(line.substring(0, max));
                line = line.substring(max);
            }
            int needed = cur.length() == 0 ? line.length() : cur.length() + 1 + line.length();
            if (needed > max) {
                parts.add(cur.toString());
                cur.setLength(0);
            }
            if (cur.length() > 0) {
                cur.append('\n');
            }
            cur.append(line);
        }
        if (cur.length() > 0) {
            parts.add(cur.toString());
        }
        return parts;
    }
}
