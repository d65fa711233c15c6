package updown.domain;

import java.util.Objects;

/** One price level of an order book: the total size resting at a price. */
public record Level(Price price, Shares size) {
    public Level {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
    }

    public static Level of(String price, String size) {
        return new Level(Price.of(price), Shares.of(size));
    }

    public Usd notional() {
        return price.costOf(size);
    }
}
