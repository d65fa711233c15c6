package updown.synthetic.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.testkit.Fixtures;
import updown.testkit.JsonShape;

class MalformerTest {

    @Test
    @DisplayName("every corruption breaks the payload (unparseable, wrong type, missing field); same hash, same result")
    void corruptionsBreakThePayload() {
        String book = Fixtures.fixture("clob/book-btc-updown-5m-1778584200-up-midwindow.json");
        Object sample = JsonShape.parse(book);
        Set<Malformer.Mode> seen = EnumSet.noneOf(Malformer.Mode.class);
        for (long h = 0; h < 200; h++) {
            String bad = Malformer.corrupt(book, h);
            seen.add(Malformer.mode(h));
            assertThat(bad).isEqualTo(Malformer.corrupt(book, h));
            boolean broken;
            try {
                broken = !JsonShape.problems(JsonShape.parse(bad), sample).isEmpty();
            } catch (DecodeException e) {
                broken = true;
            }
            assertThat(broken).as("hash %d (%s): %s", h, Malformer.mode(h), bad).isTrue();
        }
        assertThat(seen).isEqualTo(EnumSet.allOf(Malformer.Mode.class));
    }

    @Test
    @DisplayName("tiny payloads are still corrupted")
    void tinyPayloads() {
        for (long h = 0; h < 16; h++) {
            assertThat(Malformer.corrupt("[]", h)).isNotEqualTo("[]");
            assertThat(Malformer.corrupt("PONG", h)).isNotEqualTo("PONG");
        }
    }
}
