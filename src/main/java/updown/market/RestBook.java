package updown.market;

import java.util.List;
import updown.domain.Level;
import updown.domain.Price;

/**
 * One book as the CLOB sent it (REST {@code /book} or a websocket {@code book} event), levels already normalised
 * best first (bids descending, asks ascending).
 *
 * @param tickSize     null when the answer carried none
 * @param serverTimeMs the book's last-change time on the server (0 when absent); orders REST against websocket
 * @param noBook       the venue has no book for this token (all-zero hash and no levels): never an empty book to
 *                     trade against
 */
public record RestBook(String tokenId, List<Level> bids, List<Level> asks, Price tickSize, String hash,
                       long serverTimeMs, boolean noBook) {
    public RestBook {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        hash = hash == null ? "" : hash;
    }
}
