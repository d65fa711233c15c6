package updown.engine.live;

import java.util.List;
import updown.net.ParseError;

/**
 * One page of a list answer ({@code GET /data/trades}, {@code GET /data/orders}): the elements read, the cursor of the
 * next page (empty when none) and why each unreadable element was skipped.
 */
record WirePage<T>(List<T> items, String nextCursor, List<ParseError> skipped) {

    WirePage {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }
}
