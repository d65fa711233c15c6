package updown.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.synthetic.SimMarketModel;
import updown.synthetic.SimOptions;
import updown.synthetic.SimWindow;

@DisplayName("A simulate session of N windows: the exchange lists windows 0 .. N-1 and nothing after")
class ExchangeSessionTest {
    private static final Instant START = Instant.parse("2026-05-12T11:11:00Z");

    private static ExchangeState stateAtStart(SimOptions options) {
        SimMarketModel model = SimMarketModel.create(options, START);
        return new ExchangeState(model, new FaultSchedule(options.faults(), model), START);
    }

    @Test
    @DisplayName("with a session of 3, windows 0, 1 and 2 and the history are listed; window 3 never is")
    void sessionEndsAfterItsWindows() {
        ExchangeState st = stateAtStart(SimOptions.defaults().withSessionWindows(3));
        SimMarketModel model = st.model();
        st.moveTo(model.window(3).end());
        assertThat(st.listed(model.window(-1))).isTrue();
        assertThat(st.listed(model.window(0))).isTrue();
        assertThat(st.listed(model.window(2))).isTrue();
        assertThat(st.listed(model.window(3))).isFalse();
        assertThat(st.listedWindows()).extracting(SimWindow::index).doesNotContain(3, 4).contains(0, 1, 2);
    }

    @Test
    @DisplayName("without a session length (0) the exchange lists windows ahead forever, like the real one")
    void noSessionMeansNoEnd() {
        ExchangeState st = stateAtStart(SimOptions.defaults());
        SimMarketModel model = st.model();
        st.moveTo(model.window(50).start());
        assertThat(st.listed(model.window(50))).isTrue();
        assertThat(st.listed(model.window(51))).isTrue();
    }

    @Test
    @DisplayName("a negative session length is refused")
    void negativeRefused() {
        assertThatThrownBy(() -> SimOptions.defaults().withSessionWindows(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
