package updown.notify;

import java.util.Locale;
import updown.domain.Usd;
import updown.fleet.FleetView;
import updown.fleet.NodeStatus;

/** The fleet block of /status ({@code --cluster}): one line per node, alive or gone. HTML, escaped. */
final class FleetLines {
    private FleetLines() {
    }

    static String of(FleetView view) {
        StringBuilder b = new StringBuilder("\n\n🛰 <b>Fleet</b> · ").append(view.alive()).append(" of ")
                .append(view.nodes().size()).append(" node(s) alive");
        for (FleetView.Node n : view.nodes()) {
            NodeStatus s = n.status();
            b.append('\n').append(n.alive() ? "✅ " : "❌ ").append(Html.escape(s.node()))
                    .append(s.node().equals(view.self()) ? " (this one)" : "")
                    .append(" · ").append(Html.escape(String.join(", ", s.markets())));
            if (!n.alive()) {
                b.append(" · gone, silent ").append(n.silentMs() / 1000).append(" s");
                continue;
            }
            b.append(" · ").append(s.tradingState().toLowerCase(Locale.ROOT))
                    .append(" · ").append(Fmt.usd(Usd.ofMicros(s.balanceMicros())))
                    .append(" · ").append(s.openPositions()).append(" open");
        }
        return b.toString();
    }

    static String sent(FleetCommandWord word, long alive) {
        return word.emoji + " " + word.text + " sent to every node of the fleet (" + alive + " alive). /status shows "
                + "each node.";
    }

    /** What a fleet-wide /stop or /resume says it did. */
    enum FleetCommandWord {
        STOP("⏹", "Stop"), RESUME("▶️", "Resume");

        private final String emoji;
        private final String text;

        FleetCommandWord(String emoji, String text) {
            this.emoji = emoji;
            this.text = text;
        }
    }
}
