package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.testkit.TestConfig;

@DisplayName("Live preflight: one line per problem, secrets never shown")
class LivePreflightTest {

    private static List<String> check(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TRADING_MODE", "live");
        m.put("PRIVATE_KEY", LiveKit.KEY);
        m.put("LIVE_CONFIRM", "yes");
        m.putAll(overrides);
        return LivePreflight.check(TestConfig.with(m));
    }

    @Test
    @DisplayName("a complete EOA setup has no problem")
    void complete() {
        assertThat(check(Map.of())).isEmpty();
        assertThat(check(Map.of("LIVE_FUNDER_ADDRESS", LiveKit.ADDRESS.toLowerCase()))).isEmpty();
    }

    @Test
    @DisplayName("the shipped defaults are refused: no key, no confirmation")
    void defaults() {
        List<String> p = LivePreflight.check(TestConfig.defaults());
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("PRIVATE_KEY is missing");
        assertThat(p.get(1)).startsWith("LIVE_CONFIRM must be yes");
    }

    @Test
    @DisplayName("a malformed or out-of-range key is named without being shown")
    void badKey() {
        String notHex = "zz" + LiveKit.KEY.substring(4);
        assertThat(check(Map.of("PRIVATE_KEY", notHex))).singleElement().asString()
                .contains("64 hex digits").doesNotContain(notHex.substring(2));
        assertThat(check(Map.of("PRIVATE_KEY", "0x" + "0".repeat(64)))).singleElement().asString()
                .contains("not a valid secp256k1 private key");
        assertThat(check(Map.of("PRIVATE_KEY", "f".repeat(64)))).singleElement().asString()
                .contains("not a valid secp256k1 private key");
    }

    @Test
    @DisplayName("proxy, Safe and deposit-wallet signature types need the funder address; EOA must not name another")
    void funder() {
        for (String type : List.of("1", "2", "3")) {
            assertThat(check(Map.of("LIVE_SIGNATURE_TYPE", type))).singleElement().asString()
                    .contains("needs LIVE_FUNDER_ADDRESS");
            assertThat(check(Map.of("LIVE_SIGNATURE_TYPE", type, "LIVE_FUNDER_ADDRESS",
                    "0x1111111111111111111111111111111111111111"))).isEmpty();
        }
        assertThat(check(Map.of("LIVE_FUNDER_ADDRESS", "0x1111111111111111111111111111111111111111")))
                .singleElement().asString().contains("must be the key's own address");
        assertThat(check(Map.of("LIVE_FUNDER_ADDRESS", "0x123"))).singleElement().asString()
                .contains("not an address");
    }

    @Test
    @DisplayName("API credentials are all or nothing, and the secret must be base64")
    void credentials() {
        assertThat(check(Map.of("CLOB_API_KEY", "k"))).singleElement().asString().contains("all three or none");
        List<String> p = check(Map.of("CLOB_API_KEY", "k", "CLOB_API_SECRET", "n*t-b@se64!",
                "CLOB_API_PASSPHRASE", "p"));
        assertThat(p).singleElement().asString().isEqualTo("CLOB_API_SECRET is not base64");
        assertThat(String.join("\n", p)).doesNotContain("n*t-b@se64!");
    }

    @Test
    @DisplayName("unknown chains, caps that contradict each other and plain-http venues are refused")
    void chainCapsAndTransport() {
        assertThat(check(Map.of("CHAIN_ID", "1"))).singleElement().asString().contains("no CLOB V2 contracts");
        assertThat(check(Map.of("LIVE_MAX_ORDER_USD", "300", "LIVE_MAX_DAILY_USD", "200"))).singleElement()
                .asString().contains("must be <= LIVE_MAX_DAILY_USD");
        assertThat(check(Map.of("CLOB_API_URL", "http://clob.example.com"))).singleElement().asString()
                .contains("need https");
        assertThat(check(Map.of("CLOB_API_URL", "http://127.0.0.1:9999"))).isEmpty();
    }

    @Test
    @DisplayName("every problem is reported at once")
    void allAtOnce() {
        assertThat(check(Map.of("PRIVATE_KEY", "", "LIVE_CONFIRM", "no", "LIVE_SIGNATURE_TYPE", "2",
                "CHAIN_ID", "5"))).hasSize(4);
    }
}
