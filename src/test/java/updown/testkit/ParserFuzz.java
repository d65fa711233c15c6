package updown.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.function.Function;
import updown.net.ParseResult;

/** Runs a parser over seeded mutations of fixtures: it must never throw and must refuse a good share. */
public final class ParserFuzz {
    public static final int PER_PARSER = 1_200;

    private ParserFuzz() {
    }

    public static void run(String name, List<String> fixtures, Function<String, ParseResult<?>> parser, long baseSeed) {
        int refused = 0;
        for (int i = 0; i < PER_PARSER; i++) {
            long seed = baseSeed + i;
            String input = new JsonMutator(seed).mutate(Fixtures.fixture(fixtures.get(i % fixtures.size())));
            ParseResult<?>[] out = new ParseResult<?>[1];
            assertThatCode(() -> out[0] = parser.apply(input)).as("%s, seed %d", name, seed).doesNotThrowAnyException();
            assertThat(out[0]).as("%s, seed %d", name, seed).isNotNull();
            if (!out[0].isOk()) {
                refused++;
                assertThat(out[0].error().kind()).as("%s, seed %d", name, seed).isNotNull();
            }
        }
        // the mutations must actually hurt: a good share of the inputs is refused
        assertThat(refused).as(name + ": refused inputs").isGreaterThan(PER_PARSER / 10);
    }
}
