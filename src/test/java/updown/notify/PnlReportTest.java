package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.DailySnapshot;
import updown.domain.Ratio;
import updown.domain.Usd;

@DisplayName("P&L by period in KST days")
class PnlReportTest {

    private static DailySnapshot day(LocalDate d, String pnl, int trades) {
        return new DailySnapshot(d, Usd.of("1000"), Usd.of("1000"), Usd.of(pnl), Usd.ZERO, trades, 0, 0,
                d.plusDays(1).atStartOfDay(updown.domain.Kst.ZONE).toInstant());
    }

    @Test
    @DisplayName("periods sum closed days inside them plus the running day from the snapshot")
    void periods() {
        LocalDate today = Samples.today();
        List<DailySnapshot> days = List.of(
                day(today.minusDays(1), "5", 2),
                day(today.minusDays(6), "-2", 1),
                day(today.minusDays(7), "100", 9),
                day(today.minusDays(29), "1", 1),
                day(today.minusDays(30), "1000", 1));
        PnlReport r = PnlReport.of(today, Samples.snapshot("1002.13"), days);
        assertThat(r.periods()).extracting(PnlReport.Period::label).containsExactly("Today", "7 days", "30 days");
        assertThat(r.periods().get(0).pnl()).isEqualTo(Usd.of("3.50"));
        assertThat(r.periods().get(0).trades()).isEqualTo(4);
        assertThat(r.periods().get(1).pnl()).isEqualTo(Usd.of("6.50"));
        assertThat(r.periods().get(2).pnl()).isEqualTo(Usd.of("107.50"));
        assertThat(r.periods().get(2).trades()).isEqualTo(17);
        assertThat(r.allTime()).isEqualTo(Usd.of("12.30"));
    }

    @Test
    @DisplayName("a stored snapshot of the running day wins over the snapshot's running numbers")
    void storedDayWins() {
        LocalDate today = Samples.today();
        PnlReport r = PnlReport.of(today, Samples.snapshot("1000"), List.of(day(today, "8", 3)));
        assertThat(r.periods().get(0).pnl()).isEqualTo(Usd.of("8"));
    }

    @Test
    @DisplayName("capital put in is equity minus realised P&L; returns are P&L over it")
    void capital() {
        // balance 989.83 + open 10.17 = equity 1000, realised 12.30 → capital 987.70
        PnlReport r = PnlReport.of(Samples.today(), Samples.snapshot("989.83"), List.of());
        assertThat(r.capital()).isEqualTo(Usd.of("987.70"));
        assertThat(r.returnOn(Usd.of("98.77"))).isEqualTo(Ratio.of("0.1"));
    }
}
