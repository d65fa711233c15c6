package updown.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a strategy concluded for one market at one moment.
 *
 * @param sources    names of the strategies that made this signal (shown in notifications)
 * @param reason     human-readable why (always set for SKIP)
 * @param arbDownAsk for ARB only: the Down ask the arbitrage was computed on (travels with the trade as alt price)
 */
public record Signal(Direction direction, Ratio confidence, List<String> sources, String reason, Price arbDownAsk) {

    public Signal {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(confidence, "confidence");
        sources = List.copyOf(sources);
        reason = reason == null ? "" : reason;
    }

    public static Signal skip(String source, String reason) {
        return new Signal(Direction.SKIP, Ratio.ZERO, List.of(source), reason, null);
    }

    public static Signal of(Direction direction, Ratio confidence, String source, String reason) {
        return new Signal(direction, confidence, List.of(source), reason, null);
    }

    public boolean isSkip() {
        return direction == Direction.SKIP;
    }

    public String sourcesText() {
        return String.join("+", sources);
    }
}
