package updown.domain;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of book levels held as two primitive arrays (price and size in micro-units), best first as the
 * caller gave them. A {@link Level} is made only when one is asked for: a book is built for every snapshot and every
 * tick of a backtest (hundreds of thousands a run), and most of its levels are never read one by one — the trader's
 * {@link LocalBook} copies the arrays, a strategy reads the best few. Equal to any other list of the same levels
 * ({@link AbstractList#equals}), so it stands in for {@code List.of(levels...)} wherever a book's levels are kept.
 */
public final class Levels extends AbstractList<Level> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Levels EMPTY = new Levels(new long[0], new long[0]);

    private final long[] prices;
    private final long[] sizes;

    private Levels(long[] prices, long[] sizes) {
        this.prices = prices;
        this.sizes = sizes;
    }

    /** The first {@code count} levels of the two arrays (copied: the caller may reuse them). */
    public static Levels of(long[] prices, long[] sizes, int count) {
        if (count == 0) {
            return EMPTY;
        }
        if (count < 0 || count > prices.length || count > sizes.length) {
            throw new IllegalArgumentException("count " + count + " outside the arrays");
        }
        return new Levels(Arrays.copyOf(prices, count), Arrays.copyOf(sizes, count));
    }

    /**
     * Takes the arrays as they are, both exactly as long as the list, without copying: for a caller that built them
     * for this list and hands them over (it must not change them afterwards).
     */
    public static Levels wrap(long[] prices, long[] sizes) {
        if (prices.length != sizes.length) {
            throw new IllegalArgumentException("prices and sizes differ in length");
        }
        return prices.length == 0 ? EMPTY : new Levels(prices, sizes);
    }

    /**
     * {@code levels} kept as an immutable list: a {@code Levels} as it is, anything else as {@link List#copyOf}
     * (which refuses null levels, as before).
     */
    public static List<Level> copyOf(List<Level> levels) {
        return levels instanceof Levels l ? l : List.copyOf(levels);
    }

    @Override
    public Level get(int index) {
        return new Level(Price.ofMicros(prices[index]), Shares.ofMicros(sizes[index]));
    }

    @Override
    public int size() {
        return prices.length;
    }

    /** The price of level {@code index} in micro-dollars, without making a {@link Level}. */
    public long priceMicros(int index) {
        return prices[index];
    }

    /** The size of level {@code index} in micro-shares, without making a {@link Level}. */
    public long sizeMicros(int index) {
        return sizes[index];
    }
}
