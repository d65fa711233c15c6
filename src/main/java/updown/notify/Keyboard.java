package updown.notify;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** An inline keyboard under a message: rows of buttons, each sending its callback data back when pressed. */
record Keyboard(List<List<Button>> rows) {
    /** Telegram's limit on callback_data, in bytes. */
    static final int MAX_CALLBACK_BYTES = 64;

    Keyboard {
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** One button; its callback data is 1–64 bytes (UTF-8), as the Bot API requires. */
    record Button(String text, String data) {
        Button {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(data, "data");
            int bytes = data.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > MAX_CALLBACK_BYTES) {
                throw new IllegalArgumentException("callback data must be 1-64 bytes, was " + bytes);
            }
        }
    }

    static Keyboard of(List<Button> row) {
        return new Keyboard(List.of(row));
    }

    /** The keyboard under status, help and the startup alert. */
    static Keyboard main() {
        return new Keyboard(List.of(
                List.of(new Button("Status", Callbacks.STATUS), new Button("P&L", Callbacks.PNL)),
                List.of(new Button("History", Callbacks.HISTORY), new Button("P&L chart", Callbacks.CHART)),
                List.of(new Button("Stop", Callbacks.STOP), new Button("Resume", Callbacks.RESUME))));
    }

    /** Confirm / cancel for a money-moving command. */
    static Keyboard confirm(String nonce, String confirmLabel) {
        return of(List.of(new Button(confirmLabel, Callbacks.CONFIRM_PREFIX + nonce),
                new Button("Cancel", Callbacks.CANCEL_PREFIX + nonce)));
    }
}
