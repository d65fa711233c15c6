package updown.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Micros;
import updown.net.ParseResult;
import updown.testkit.Fixtures;
import updown.testkit.TestConfig;

class PolyBoltParserTest {

    private static PolyBoltMessage parse(String fixture) {
        ParseResult<PolyBoltMessage> r = PolyBoltParser.parse(Fixtures.fixture("rtds/" + fixture));
        assertThat(r.isOk()).as(() -> r.isOk() ? "" : String.valueOf(r.error())).isTrue();
        return r.value();
    }

    @Test
    @DisplayName("the documented control frames read as authed, subscribed and an auth_required error")
    void controlFrames() {
        assertThat(parse("polybolt-authed-ack.json")).isEqualTo(new PolyBoltMessage.Authed("a1"));
        assertThat(parse("polybolt-subscribed-ack.json")).isEqualTo(new PolyBoltMessage.Subscribed("price.crypto", "s1"));
        assertThat(parse("polybolt-error-auth-required.json"))
                .isEqualTo(new PolyBoltMessage.Error("auth_required", "price.crypto", "s1"));
    }

    @Test
    @DisplayName("a snapshot's data points become exact reports of btc/usd; only the TWAP channel is marked averaged")
    void snapshot() {
        PolyBoltMessage.Data d = (PolyBoltMessage.Data) parse("polybolt-price-crypto-snapshot.assembled.json");
        assertThat(d.channel()).isEqualTo("price.crypto");
        assertThat(d.seq()).isEqualTo(1);
        assertThat(d.snapshot()).isTrue();
        assertThat(d.ticks()).containsExactly(new ReferenceTick("btc/usd", Instant.ofEpochMilli(1788972880000L),
                Micros.parse("64123.5"), 0));
        String twap = Fixtures.fixture("rtds/polybolt-price-crypto-snapshot.assembled.json")
                .replace("\"price.crypto\"", "\"price.crypto.twap\"");
        PolyBoltMessage.Data t = (PolyBoltMessage.Data) PolyBoltParser.parse(twap).value();
        assertThat(t.ticks().get(0).averagedMs()).isEqualTo(60_000);
    }

    @Test
    @DisplayName("an update with a seq and a dropped count; hostile frames are errors, not exceptions")
    void updateAndHostile() {
        PolyBoltMessage.Data d = (PolyBoltMessage.Data) PolyBoltParser.parse("{\"v\":1,\"channel\":\"price.crypto.twap\","
                + "\"seq\":7,\"ts\":1,\"dropped\":3,\"payload\":{\"symbol\":\"btcusd\",\"value\":1.5,"
                + "\"full_accuracy_value\":\"76000.123456\",\"timestamp\":1788972880000}}").value();
        assertThat(d.seq()).isEqualTo(7);
        assertThat(d.dropped()).isEqualTo(3);
        assertThat(d.ticks().get(0).valueMicros()).isEqualTo(76_000_123_456L);
        for (String bad : List.of("[]", "{\"channel\":\"price.crypto.twap\"}", "not json",
                "{\"v\":1,\"channel\":\"x\",\"seq\":1,\"payload\":{\"symbol\":\"btc\",\"value\":1,\"timestamp\":1}}",
                "{\"v\":1,\"channel\":\"x\",\"seq\":1,\"payload\":{\"symbol\":\"btcusd\",\"value\":-1,\"timestamp\":1}}")) {
            assertThat(PolyBoltParser.parse(bad).isOk()).as(bad).isFalse();
        }
    }

    @Test
    @DisplayName("outgoing frames: auth carries the three credentials, subscribe the documented TWAP filter object")
    void outgoing() {
        JsonObject auth = new JsonObject(PolyBoltMessages.auth("a1", TestConfig.with(Map.of(
                "CLOB_API_KEY", "00000000-0000-4000-8000-000000000000", "CLOB_API_SECRET", "<api secret>",
                "CLOB_API_PASSPHRASE", "<api passphrase>")).live()));
        assertThat(auth).isEqualTo(new JsonObject(Fixtures.fixture("rtds/polybolt-auth.json")));
        JsonObject sub = new JsonObject(PolyBoltMessages.twap("subscribe", "s1", List.of("btc/usd")));
        JsonObject doc = new JsonObject(Fixtures.fixture("rtds/polybolt-subscribe-btc-twap60.assembled.json"));
        assertThat(sub.getJsonArray("subscriptions").getJsonObject(0))
                .isEqualTo(doc.getJsonArray("subscriptions").getJsonObject(0));
    }
}
