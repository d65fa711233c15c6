package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

@DisplayName("Keyboard limits, token redaction, access rules, the API base URL")
class SmallPartsTest {
    private static final String TOKEN = "123456789:AAcanaryCANARYcanaryCANARYcanary12";

    @Test
    @DisplayName("every button's callback data fits Telegram's 64 bytes; longer data is refused")
    void callbackData() {
        for (var row : Keyboard.main().rows()) {
            for (var b : row) {
                assertThat(b.data().getBytes(StandardCharsets.UTF_8).length).isBetween(1, 64);
            }
        }
        assertThat(Keyboard.confirm("0123456789ab", "Confirm $10000.00").rows().get(0))
                .allSatisfy(b -> assertThat(b.data().length()).isLessThanOrEqualTo(64));
        assertThatThrownBy(() -> new Keyboard.Button("x", "é".repeat(33))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Keyboard.Button("x", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the token, and anything shaped like a token, is masked in text and exception chains")
    void redaction() {
        Redactor r = new Redactor(TOKEN);
        assertThat(r.clean("POST http://127.0.0.1:9/bot" + TOKEN + "/sendMessage")).doesNotContain(TOKEN)
                .contains("/bot<token>/sendMessage");
        assertThat(r.clean("other 987654321:ZZotherOTHERotherOTHERother1234 here")).isEqualTo("other <token> here");
        IOException chain = new IOException("outer " + TOKEN, new IllegalStateException("inner\n" + TOKEN));
        assertThat(r.describe(chain)).doesNotContain(TOKEN).doesNotContain("\n")
                .contains("IOException: outer <token>", "IllegalStateException: inner <token>");
        assertThat(r.clean(null)).isEmpty();
    }

    @Test
    @DisplayName("only the configured chat may command; an allow-list narrows it to those users")
    void access() {
        Access open = new Access("123456789", Set.of());
        Access narrow = new Access("-1001234567890", Set.of(42L));
        var owner = new Incoming.CommandMessage(123456789L, 5, "a", "/stop");
        var stranger = new Incoming.CommandMessage(555L, 5, "b", "/stop");
        var inGroup = new Incoming.CommandMessage(-1001234567890L, 42, "c", "/stop");
        var otherInGroup = new Incoming.CommandMessage(-1001234567890L, 43, "d", "/stop");
        var noChat = new Incoming.ButtonPress("q", null, 5, "a", "status");
        assertThat(open.allowed(owner)).isTrue();
        assertThat(open.allowed(stranger)).isFalse();
        assertThat(open.refusal(stranger)).isEqualTo("denied:chat");
        assertThat(open.allowed(noChat)).isFalse();
        assertThat(narrow.allowed(inGroup)).isTrue();
        assertThat(narrow.allowed(otherInGroup)).isFalse();
        assertThat(narrow.refusal(otherInGroup)).isEqualTo("denied:user");
        assertThat(new Access("", Set.of()).allowed(owner)).isFalse();
    }

    @Test
    @DisplayName("TELEGRAM_API_URL becomes the library's scheme, host and port")
    void baseUrl() {
        assertThat(BotApiGateway.telegramUrl(URI.create("https://api.telegram.org")))
                .isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
        assertThat(BotApiGateway.telegramUrl(URI.create("http://127.0.0.1:8081/")))
                .isEqualTo(new TelegramUrl("http", "127.0.0.1", 8081, false));
    }
}
