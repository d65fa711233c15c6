package updown.notify;

import java.util.List;
import updown.domain.Micros;
import updown.engine.live.ShadowTrade;

/** The /shadow answer: per recent live trade, what paper would have booked beside what the venue did. */
final class ShadowReply {
    static final int ROWS = 5;

    private ShadowReply() {
    }

    static String format(List<ShadowTrade> trades) {
        if (trades.isEmpty()) {
            return "No paper-vs-live comparison yet (live mode only: one per order).";
        }
        StringBuilder b = new StringBuilder("<b>Paper vs live</b> (newest first)\n");
        for (ShadowTrade t : trades) {
            b.append(Html.escape(t.market())).append(' ').append(t.side()).append(": paper ")
                    .append(side(t.paper())).append(" · live ").append(side(t.live()));
            if (t.slippageMicros() != null) {
                b.append(" · slippage ").append(t.slippageMicros() >= 0 ? "+" : "")
                        .append(Micros.format(t.slippageMicros(), 2));
            }
            b.append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static String side(ShadowTrade.Side s) {
        return s.filled() ? "@" + s.price() + " fee " + Fmt.usd(s.fee()) : "refused (" + Html.escape(s.refusal()) + ")";
    }
}
