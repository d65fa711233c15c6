package updown.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SecretMasker: configured secrets and secret-shaped text never survive a log line")
class SecretMaskerTest {
    private static final String TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_x";
    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Test
    @DisplayName("a Telegram bot token is masked even when nobody registered it")
    void telegramShape() {
        String line = SecretMasker.shapesOnly().mask("GET https://api.telegram.org/bot" + TOKEN + "/getUpdates");
        assertThat(line).doesNotContain(TOKEN).doesNotContain("AAHdqTcvCH1v").contains("/bot***/getUpdates");
    }

    @Test
    @DisplayName("a 64-hex key keeps only its first and last four digits, with or without 0x")
    void hexShape() {
        SecretMasker m = SecretMasker.shapesOnly();
        assertThat(m.mask("key 0x" + KEY + ".")).isEqualTo("key 0x4c08…2318.");
        assertThat(m.mask("key=" + KEY)).isEqualTo("key=4c08…2318");
        assertThat(m.mask("sig 0x" + KEY + "ab")).as("66 hex digits are not a key").contains(KEY);
        String tokenId = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
        assertThat(m.mask("token " + tokenId)).as("decimal token ids stay readable").contains(tokenId);
    }

    @Test
    @DisplayName("Bearer credentials are masked, the word stays")
    void bearer() {
        assertThat(SecretMasker.shapesOnly().mask("Authorization: Bearer eyJhbGciOi.J9xyz-_~+/= next"))
                .isEqualTo("Authorization: Bearer *** next");
        assertThat(SecretMasker.shapesOnly().mask("bearer abc")).isEqualTo("bearer ***");
    }

    @Test
    @DisplayName("registered values are masked exactly, longest first, 0x-less variants too; short ones ignored")
    void literals() {
        SecretMasker m = SecretMasker.of(Arrays.asList("dash-Canary-7f3k2", "dash-Canary-7f3k2-longer", null, "ab",
                "  ", "0x" + KEY));
        assertThat(m.literalCount()).isEqualTo(4);
        assertThat(m.mask("t=dash-Canary-7f3k2-longer and dash-Canary-7f3k2")).isEqualTo("t=*** and ***");
        assertThat(m.mask("k=" + KEY)).isEqualTo("k=***");
        assertThat(m.mask("ab is too short to be worth masking")).startsWith("ab is");
    }

    @Test
    @DisplayName("a line without secrets is unchanged; null and empty pass through")
    void clean() {
        SecretMasker m = SecretMasker.of(List.of("s3cr3t-value"));
        String line = "2026-05-12T10:00:00Z INFO trade #12 btc-updown-5m-1778580000 BUY_UP 17.85 @ 0.56";
        assertThat(m.mask(line)).isEqualTo(line);
        assertThat(m.mask("")).isEmpty();
        assertThat(m.mask(null)).isNull();
    }
}
