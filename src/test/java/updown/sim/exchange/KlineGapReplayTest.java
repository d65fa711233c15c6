package updown.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.MarketEvent;
import updown.record.TapeRecord;
import updown.synthetic.SimMarketModel;
import updown.synthetic.SimOptions;
import updown.synthetic.SimRecordSource;
import updown.synthetic.SimWindow;

@DisplayName("A kline file with a gap: rows at their own minutes, no candle and no market on missing data")
class KlineGapReplayTest {
    private static final Instant T0 = Instant.parse("2023-03-01T00:00:00Z");
    /** Minutes 12 to 18 are missing from the file. */
    private static final int GAP_FROM = 12;
    private static final int GAP_TO = 18;

    @TempDir
    Path dir;

    private SimRecordSource.Loaded data;

    @BeforeEach
    void load() throws IOException {
        StringBuilder b = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int m = 0; m < 40; m++) {
            if (m < GAP_FROM || m > GAP_TO) {
                b.append(T0.plusSeconds(60L * m)).append(',').append(20_000 + m).append(',').append(20_001 + m)
                        .append(',').append(19_999 + m).append(',').append(20_000 + m).append(".5,3\n");
            }
        }
        Path f = dir.resolve("gap.csv");
        Files.writeString(f, b.toString());
        data = SimRecordSource.loadKlines(f, SimOptions.defaults().withSeed(1));
    }

    private static Instant minute(int m) {
        return T0.plusSeconds(60L * m);
    }

    @Test
    @DisplayName("the span counts the missing minutes; rows after the gap keep their own times and prices")
    void rowsAtTheirOwnTimes() {
        assertThat(data.report().gaps()).isEqualTo(1);
        assertThat(data.report().missingMinutes()).isEqualTo(7);
        assertThat(data.span().first()).isEqualTo(T0);
        assertThat(data.span().minutes()).isEqualTo(40);
        SimMarketModel model = data.model(T0);
        Instant later = minute(45);
        assertThat(model.kline(minute(19), later).orElseThrow().openCents()).isEqualTo(2_001_900L);
        assertThat(model.kline(minute(39), later).orElseThrow().closeCents()).isEqualTo(2_003_950L);
        for (int m = GAP_FROM; m <= GAP_TO; m++) {
            assertThat(model.kline(minute(m), later)).as("minute %d", m).isEmpty();
            // the reference price holds the last close before the gap: nothing moves on missing data
            assertThat(model.btcCents(minute(m).plusSeconds(30))).isEqualTo(2_001_150L);
        }
    }

    @Test
    @DisplayName("windows touching the gap have no data; the exchange never lists them, the windows around it are")
    void gapWindowsNotListed() {
        SimMarketModel model = data.model(T0);
        SimWindow before = model.windowStartingAt(minute(5).getEpochSecond()).orElseThrow();
        SimWindow inGap1 = model.windowStartingAt(minute(10).getEpochSecond()).orElseThrow();
        SimWindow inGap2 = model.windowStartingAt(minute(15).getEpochSecond()).orElseThrow();
        SimWindow after = model.windowStartingAt(minute(20).getEpochSecond()).orElseThrow();
        assertThat(model.hasData(before)).isTrue();
        assertThat(model.hasData(inGap1)).isFalse();
        assertThat(model.hasData(inGap2)).isFalse();
        assertThat(model.hasData(after)).isTrue();
        ExchangeState st = new ExchangeState(model, new FaultSchedule(data.options().faults(), model), T0);
        st.moveTo(minute(17));
        assertThat(st.listed(before)).isTrue();
        assertThat(st.listed(inGap1)).isFalse();
        assertThat(st.listed(inGap2)).isFalse();
        assertThat(st.listed(after)).isTrue();
    }

    @Test
    @DisplayName("a backtest's record stream: no candle for a missing minute, no market or book for a gap window")
    void recordStreamSkipsTheGap() {
        List<MarketEvent> events = new ArrayList<>();
        try (SimRecordSource src = SimRecordSource.of(data.model(T0), T0, minute(39), Duration.ofSeconds(5))) {
            for (TapeRecord r = src.poll(); r != null; r = src.poll()) {
                if (r instanceof TapeRecord.Event e) {
                    events.add(e.event());
                }
            }
        }
        List<Instant> candles = events.stream().filter(e -> e instanceof MarketEvent.CandleUpdated)
                .map(e -> ((MarketEvent.CandleUpdated) e).candle().openTime()).distinct().toList();
        assertThat(candles).contains(minute(11), minute(19))
                .noneMatch(t -> !t.isBefore(minute(GAP_FROM)) && !t.isAfter(minute(GAP_TO)));
        List<Instant> discovered = events.stream().filter(e -> e instanceof MarketEvent.MarketDiscovered)
                .map(e -> ((MarketEvent.MarketDiscovered) e).market().windowStart()).toList();
        assertThat(discovered).contains(minute(0), minute(5), minute(20), minute(25))
                .doesNotContain(minute(10), minute(15));
        assertThat(events).filteredOn(e -> e instanceof MarketEvent.BookSnapshot)
                .extracting(e -> ((MarketEvent.BookSnapshot) e).at())
                .isNotEmpty()
                .noneMatch(t -> !t.isBefore(minute(10)) && t.isBefore(minute(20)));
    }
}
