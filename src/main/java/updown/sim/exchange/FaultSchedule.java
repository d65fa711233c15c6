package updown.sim.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import updown.synthetic.SimMarketModel;
import updown.synthetic.SimWindow;
import updown.synthetic.fault.FaultEvent;
import updown.synthetic.fault.FaultKind;
import updown.synthetic.fault.FaultPlan;
import updown.synthetic.fault.Venue;

/** The fault plan laid onto the model's windows: which faults start in a time span, which are active at an instant. */
final class FaultSchedule {
    private final FaultPlan plan;
    private final SimMarketModel model;
    private final int lookbackWindows;
    private final Map<Integer, List<FaultEvent>> byWindow = new ConcurrentHashMap<>();

    FaultSchedule(FaultPlan plan, SimMarketModel model) {
        this.plan = plan;
        this.model = model;
        this.lookbackWindows = (int) (plan.reach().toSeconds() / SimMarketModel.WINDOW_SECONDS) + 1;
    }

    FaultPlan plan() {
        return plan;
    }

    List<FaultEvent> inWindow(int index) {
        if (plan.isEmpty()) {
            return List.of();
        }
        return byWindow.computeIfAbsent(index, i -> model.windowStartingAt(
                        model.window(0).startSecond() + (long) i * SimMarketModel.WINDOW_SECONDS)
                .map(w -> plan.eventsInWindow(i, w.start()))
                .orElse(List.of()));
    }

    private int indexOf(Instant t) {
        long zero = model.window(0).startSecond();
        return (int) Math.floorDiv(t.getEpochSecond() - zero, SimMarketModel.WINDOW_SECONDS);
    }

    /** Faults (other than late-resolution) whose start lies in (after, upTo]. */
    List<FaultEvent> startingIn(Instant after, Instant upTo) {
        List<FaultEvent> out = new ArrayList<>();
        if (plan.isEmpty()) {
            return out;
        }
        for (int i = indexOf(after) - lookbackWindows; i <= indexOf(upTo); i++) {
            for (FaultEvent e : inWindow(i)) {
                if (e.kind() != FaultKind.LATE_RESOLUTION && e.at().isAfter(after) && !e.at().isAfter(upTo)) {
                    out.add(e);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(FaultEvent::at));
        return out;
    }

    /** The first fault of {@code kind} active on {@code venue} at {@code now}. */
    Optional<FaultEvent> active(Venue venue, FaultKind kind, Instant now) {
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        for (int i = indexOf(now) - lookbackWindows; i <= indexOf(now); i++) {
            for (FaultEvent e : inWindow(i)) {
                if (e.kind() == kind && e.venue() == venue && e.activeAt(now)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** Extra resolution delay of a window (sum of its late-resolution faults). */
    Duration extraResolutionDelay(SimWindow w) {
        Duration d = Duration.ZERO;
        if (!w.market().equals(model.key())) {
            // window faults are laid onto the primary series' windows only
            return d;
        }
        for (FaultEvent e : inWindow(w.index())) {
            if (e.kind() == FaultKind.LATE_RESOLUTION) {
                d = d.plus(e.duration());
            }
        }
        return d;
    }
}
