package updown.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Usd;

@DisplayName("Sweep: grid expansion, random sampling, walk-forward folds, choice and CSV")
class SweepTest {

    @Test
    @DisplayName("the grid is every combination, first axis slowest; values are trimmed and deduplicated")
    void grid() {
        List<Sweep.Axis> axes = List.of(Sweep.Axis.parse("EMA_FAST=3, 5,3"), Sweep.Axis.parse("EMA_SLOW=8,13,21"));
        assertThat(axes.get(0).values()).containsExactly("3", "5");
        List<Map<String, String>> g = Sweep.grid(axes);
        assertThat(g).hasSize(6);
        assertThat(g.get(0)).containsExactly(Map.entry("EMA_FAST", "3"), Map.entry("EMA_SLOW", "8"));
        assertThat(g.get(1)).containsEntry("EMA_SLOW", "13").containsEntry("EMA_FAST", "3");
        assertThat(g.get(5)).containsEntry("EMA_FAST", "5").containsEntry("EMA_SLOW", "21");
        assertThatThrownBy(() -> Sweep.Axis.parse("EMA_FAST")).hasMessageContaining("NAME=v1,v2");
        assertThatThrownBy(() -> Sweep.Axis.parse("EMA_FAST= , ")).hasMessageContaining("no values");
    }

    @Test
    @DisplayName("random search draws distinct combinations, the same ones for the same seed")
    void random() {
        List<Sweep.Axis> axes = List.of(Sweep.Axis.parse("A=1,2,3,4"), Sweep.Axis.parse("B=1,2,3,4,5"));
        List<Map<String, String>> a = Sweep.random(axes, 7, 42);
        assertThat(a).hasSize(7);
        assertThat(new HashSet<>(a)).hasSize(7);
        assertThat(Sweep.grid(axes)).containsAll(a);
        assertThat(Sweep.random(axes, 7, 42)).isEqualTo(a);
        assertThat(Sweep.random(axes, 7, 43)).isNotEqualTo(a);
        assertThat(Sweep.random(axes, 100, 1)).hasSize(20);
    }

    @Test
    @DisplayName("K folds cut the span into K+1 equal segments; fold k is in-sample k−1, out-of-sample k")
    void folds() {
        Instant s = Instant.parse("2022-01-01T00:00:00Z");
        List<Instant> bounds = Sweep.segments(s, s.plusSeconds(9 * 3600), 2);
        assertThat(bounds).containsExactly(s, s.plusSeconds(3 * 3600), s.plusSeconds(6 * 3600),
                s.plusSeconds(9 * 3600));
        List<Sweep.Fold> folds = Sweep.folds(bounds);
        assertThat(folds).containsExactly(
                new Sweep.Fold(1, bounds.get(0), bounds.get(1), bounds.get(1), bounds.get(2)),
                new Sweep.Fold(2, bounds.get(1), bounds.get(2), bounds.get(2), bounds.get(3)));
        assertThatThrownBy(() -> Sweep.segments(s, s.plusSeconds(2), 2)).hasMessageContaining("too short");
        assertThatThrownBy(() -> Sweep.segments(s, s.plusSeconds(100), 0)).hasMessageContaining(">= 1");
    }

    private static Sweep.Run run(int v, int seg, String pnl) {
        return new Sweep.Run(v, seg, Usd.of(pnl), 10, 6, 4, Usd.of("1"), Usd.of("5"), 0.1, 130, 100, 1, "h",
                List.of(new BacktestReport.Group("btc-5m", 10, 6, 4, Usd.of(pnl), Usd.of("1"))));
    }

    @Test
    @DisplayName("each fold picks the in-sample winner and books its out-of-sample P&L; rows sort by out-of-sample")
    void walkForwardChoice() {
        // variant 0 shines in-sample then fails (over-fitted), variant 1 is steady, variant 2 is invalid
        Sweep.Run[][] runs = new Sweep.Run[3][];
        runs[0] = new Sweep.Run[] {run(0, 0, "50"), run(0, 1, "-20"), run(0, 2, "-30")};
        runs[1] = new Sweep.Run[] {run(1, 0, "10"), run(1, 1, "12"), run(1, 2, "11")};
        List<Map<String, String>> variants = List.of(Map.of("EMA_FAST", "2"), Map.of("EMA_FAST", "3"),
                Map.of("EMA_FAST", "99"));
        Instant s = Instant.parse("2022-01-01T00:00:00Z");
        Sweep.Result r = Sweep.assemble(variants, List.of(0, 1), runs, Sweep.segments(s, s.plusSeconds(9000), 2),
                List.of("variant 3: EMA_FAST=99: must be < EMA_SLOW"), List.of("EMA_FAST"), 6, 1);
        assertThat(r.folds()).extracting(Sweep.FoldResult::chosen).containsExactly(1, 2);
        assertThat(r.folds().get(0).chosenOutOfSamplePnl()).isEqualTo(Usd.of("-20"));
        assertThat(r.folds().get(0).bestInHindsight()).isEqualTo(2);
        assertThat(r.walkForwardPnl()).isEqualTo(Usd.of("-9")); // -20 (fold 1, variant 1) + 11 (fold 2, variant 2)
        assertThat(r.rows()).extracting(Sweep.Row::variant).containsExactly(2, 1);
        assertThat(r.rows().get(0).outOfSamplePnl()).isEqualTo(Usd.of("23"));
        assertThat(r.rows().get(0).inSamplePnl()).isEqualTo(Usd.of("22"));
        assertThat(r.rows().get(1).chosenInFolds()).isEqualTo(1);
        assertThat(r.events()).as("the market events of the 6 valid runs, 100 each (not their ticks)").isEqualTo(600);
        assertThat(r.eventsPerSecond()).as("over 1 ns of wall time").isEqualTo(600e9);

        List<String> csv = new ArrayList<>(Sweep.csv(r).lines().toList());
        assertThat(csv.get(0)).startsWith("rank,variant,EMA_FAST,in_sample_pnl,out_of_sample_pnl");
        assertThat(csv.get(1)).startsWith("1,2,3,22.00,23.00,20,0.6000,5.00,");
        assertThat(csv.get(2)).startsWith("2,1,2,30.00,-50.00,");
        assertThat(Sweep.foldsCsv(r).lines()).hasSize(3).element(1).asString()
                .startsWith("1,2022-01-01T00:00:00Z,2022-01-01T00:50:00Z,2022-01-01T00:50:00Z,2022-01-01T01:40:00Z,1,50.00,-20.00,2,12.00");
        assertThat(Sweep.byMarketCsv(r).lines()).as("out-of-sample results per market, in rank order")
                .containsExactly("rank,variant,market,out_of_sample_pnl,out_of_sample_trades,out_of_sample_win_rate,"
                        + "out_of_sample_fees", "1,2,btc-5m,23.00,20,0.6000,2.00", "2,1,btc-5m,-50.00,20,0.6000,2.00");
    }
}
