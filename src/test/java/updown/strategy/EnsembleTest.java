package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.MarketSnapshot;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.testkit.TradingFixtures;

@DisplayName("Ensemble: min votes on one direction, SKIP on disagreement, weighted-average confidence")
class EnsembleTest {
    private static final MarketSnapshot ANY = TradingFixtures.snapshot(null, null, List.of());

    /** A member that always says the same thing. */
    private record Fixed(String name, Direction direction, String confidence) implements Strategy {
        @Override
        public Signal evaluate(MarketSnapshot snapshot) {
            return direction == Direction.SKIP ? Signal.skip(name, name + " has nothing")
                    : Signal.of(direction, Ratio.of(confidence), name, name + " says " + direction);
        }
    }

    private static Strategy up(String name, String confidence) {
        return new Fixed(name, Direction.BUY_UP, confidence);
    }

    private static Strategy down(String name, String confidence) {
        return new Fixed(name, Direction.BUY_DOWN, confidence);
    }

    private static Strategy skip(String name) {
        return new Fixed(name, Direction.SKIP, "0");
    }

    @Test
    @DisplayName("two agreeing members trade their direction at the average confidence, both named as sources")
    void agreement() {
        Signal s = Ensemble.equalWeights(List.of(up("A", "0.7"), up("B", "0.9")), 2).evaluate(ANY);
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.8"));
        assertThat(s.sources()).containsExactly("A", "B");
        assertThat(s.sourcesText()).isEqualTo("A+B");
    }

    @Test
    @DisplayName("agreement on BUY_DOWN works the same way")
    void agreementDown() {
        Signal s = Ensemble.equalWeights(List.of(down("A", "0.6"), down("B", "0.7")), 2).evaluate(ANY);
        assertThat(s.direction()).isEqualTo(Direction.BUY_DOWN);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.65"));
    }

    @Test
    @DisplayName("disagreement is a SKIP naming both votes")
    void disagreement() {
        Signal s = Ensemble.equalWeights(List.of(up("A", "0.9"), down("B", "0.9")), 2).evaluate(ANY);
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("disagreement: A BUY_UP 0.90; B BUY_DOWN 0.90");
        assertThat(s.sources()).containsExactly("Ensemble");
    }

    @Test
    @DisplayName("disagreement is a SKIP even when min votes is 1 and one side has more votes")
    void disagreementWithOneVote() {
        Signal s = Ensemble.equalWeights(List.of(up("A", "0.9"), up("B", "0.9"), down("C", "0.6")), 1).evaluate(ANY);
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).startsWith("disagreement");
    }

    @Test
    @DisplayName("one vote is not enough when min votes is 2; the reason lists what each member said")
    void tooFewVotes() {
        Signal s = Ensemble.equalWeights(List.of(up("A", "0.9"), skip("B")), 2).evaluate(ANY);
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("1 of 2 members agree, need 2: A BUY_UP 0.90; B SKIP (B has nothing)");
    }

    @Test
    @DisplayName("with min votes 1 a single vote trades, at its own confidence, with only its name")
    void oneVoteEnough() {
        Signal s = Ensemble.equalWeights(List.of(skip("A"), up("B", "0.73")), 1).evaluate(ANY);
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.73"));
        assertThat(s.sources()).containsExactly("B");
    }

    @Test
    @DisplayName("min votes above the member count never trades")
    void impossibleMinVotes() {
        Signal s = Ensemble.equalWeights(List.of(up("A", "0.9"), up("B", "0.9")), 3).evaluate(ANY);
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).startsWith("2 of 2 members agree, need 3");
    }

    @Test
    @DisplayName("all members skipping is a SKIP")
    void allSkip() {
        assertThat(Ensemble.equalWeights(List.of(skip("A"), skip("B")), 1).evaluate(ANY).direction())
                .isEqualTo(Direction.SKIP);
    }

    @Test
    @DisplayName("confidence is weighted: weights 3 and 1 on 0.6 and 1.0 give 0.7")
    void weighted() {
        Ensemble e = new Ensemble(List.of(new Ensemble.Member(up("A", "0.6"), 3), new Ensemble.Member(up("B", "1"), 1)),
                2);
        assertThat(e.evaluate(ANY).confidence()).isEqualTo(Ratio.of("0.7"));
    }

    @Test
    @DisplayName("non-agreeing members do not dilute the average")
    void onlyAgreeingCount() {
        Signal s = Ensemble.equalWeights(List.of(up("A", "0.6"), skip("B"), up("C", "0.8")), 2).evaluate(ANY);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.7"));
        assertThat(s.sources()).containsExactly("A", "C");
    }

    @Test
    @DisplayName("the average is rounded once, half-even, to the micro")
    void roundsOnce() {
        Signal s = Ensemble.equalWeights(List.of(up("A", "0.600001"), up("B", "0.600002")), 2).evaluate(ANY);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.600002"));
        Signal t = Ensemble.equalWeights(List.of(up("A", "0.600002"), up("B", "0.600003")), 2).evaluate(ANY);
        assertThat(t.confidence()).isEqualTo(Ratio.of("0.600002"));
    }

    @Test
    @DisplayName("with the real members, a steady fall and Down-heavy books agree on BUY_DOWN")
    void realMembers() {
        Ensemble e = Ensemble.equalWeights(List.of(new Directional(3, 8, 3),
                new OrderbookImbalance(10, Ratio.of("0.02"))), 2);
        Signal s = e.evaluate(TradingFixtures.snapshot(TradingFixtures.realUpBook(), TradingFixtures.realDownBook(),
                TradingFixtures.linear(20, "80000", "-12")));
        assertThat(s.direction()).isEqualTo(Direction.BUY_DOWN);
        assertThat(s.sources()).containsExactly("Directional", "OrderbookImbalance");
        assertThat(s.confidence()).isGreaterThan(Ratio.of("0.7")).isLessThan(Ratio.ONE);
    }
}
