package updown.synthetic;

import java.time.Duration;
import java.time.Instant;
import updown.domain.MarketKey;
import updown.domain.Outcome;

/**
 * One simulated up/down market window (of any served series) with its ids, as the exchange lists it. Index 0 is the window running when the
 * simulation started; earlier windows (already resolved history) have negative indices.
 *
 * @param listedAt        when it appears on Gamma and gets books (pre-listed like the real ones)
 * @param resolutionDelay how long after {@link #end()} the outcome is published (before any late-resolution fault)
 */
public record SimWindow(
        int index,
        Instant start,
        Instant end,
        String slug,
        String eventId,
        String marketId,
        String conditionId,
        String questionId,
        String upTokenId,
        String downTokenId,
        String question,
        Instant listedAt,
        Instant createdAt,
        Duration resolutionDelay) {

    public static final Duration LENGTH = Duration.ofMinutes(5);

    public String tokenId(Outcome outcome) {
        return outcome == Outcome.UP ? upTokenId : downTokenId;
    }

    /** The outcome a token id stands for, or null when it is not one of this window's tokens. */
    public Outcome outcomeOf(String tokenId) {
        if (upTokenId.equals(tokenId)) {
            return Outcome.UP;
        }
        if (downTokenId.equals(tokenId)) {
            return Outcome.DOWN;
        }
        return null;
    }

    /** The series this window belongs to, from its slug ({@code eth-updown-15m-…} → eth-15m). */
    public MarketKey market() {
        return MarketKey.fromSlug(slug).orElse(MarketKey.DEFAULT);
    }

    public long startSecond() {
        return start.getEpochSecond();
    }
}
