package updown.notify;

import java.util.Objects;

/** One thing to send to the configured chat. Immutable; the outbox owns ordering, pacing and coalescing. */
sealed interface Outgoing {

    /**
     * A text message in HTML parse mode.
     *
     * @param keyboard null for none
     * @param batch    non-null when this alert may be merged with others of the same kind into one message when the
     *                 queue backs up; carries the one-line form used in the merged message
     */
    record Text(String html, Keyboard keyboard, Batchable batch) implements Outgoing {
        public Text {
            Objects.requireNonNull(html, "html");
            if (html.isBlank()) {
                throw new IllegalArgumentException("empty message");
            }
        }

        static Text of(String html) {
            return new Text(html, null, null);
        }

        static Text of(String html, Keyboard keyboard) {
            return new Text(html, keyboard, null);
        }
    }

    /** A PNG picture with a plain-text caption. */
    record Photo(byte[] png, String fileName, String caption, Keyboard keyboard) implements Outgoing {
        public Photo {
            Objects.requireNonNull(png, "png");
            Objects.requireNonNull(fileName, "fileName");
            caption = caption == null ? "" : caption;
        }
    }

    /**
     * How an alert joins a merged message.
     *
     * @param kind  alerts merge only with the same kind ("trades", "settlements")
     * @param title heading of the merged message, e.g. "new trades"
     * @param line  this alert as one line of HTML
     */
    record Batchable(String kind, String title, String line) {
        public Batchable {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(line, "line");
        }
    }
}
