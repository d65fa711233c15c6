package updown.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable view of one token's book, levels ordered best first: bids descending by price, asks ascending.
 * (The CLOB sends the opposite order, best last; parsers normalise before building this.)
 *
 * @param updatedAt when this book last changed as we received it (staleness is judged from it)
 */
public record OrderBook(String tokenId, List<Level> bids, List<Level> asks, Price tickSize, String hash,
                        Instant updatedAt) {

    public OrderBook {
        bids = Levels.copyOf(bids);
        asks = Levels.copyOf(asks);
    }

    public static OrderBook empty(String tokenId, Instant at) {
        return new OrderBook(tokenId, List.of(), List.of(), Price.of("0.01"), "", at);
    }

    public Optional<Price> bestBid() {
        return bids.isEmpty() ? Optional.empty() : Optional.of(bids.get(0).price());
    }

    public Optional<Price> bestAsk() {
        return asks.isEmpty() ? Optional.empty() : Optional.of(asks.get(0).price());
    }

    public boolean hasAsks() {
        return !asks.isEmpty();
    }

    public boolean isEmpty() {
        return bids.isEmpty() && asks.isEmpty();
    }

    /** Total shares resting on the bid side, over the best {@code depth} levels. */
    public Shares bidVolume(int depth) {
        return volume(bids, depth);
    }

    /** Total shares resting on the ask side, over the best {@code depth} levels. */
    public Shares askVolume(int depth) {
        return volume(asks, depth);
    }

    private static Shares volume(List<Level> levels, int depth) {
        long total = 0;
        int n = Math.min(depth, levels.size());
        for (int i = 0; i < n; i++) {
            total = Math.addExact(total, levels.get(i).size().micros());
        }
        return Shares.ofMicros(total);
    }
}
