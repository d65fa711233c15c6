package updown.feed;

import java.time.Instant;

/**
 * A market window whose start and end price the reference feed should keep, with the market's
 * {@code resolutionSource} (it says spot or TWAP). Sent by the scanner on {@code Addresses.MARKET_REFERENCE_WINDOWS}.
 */
public record ReferenceWindow(String slug, String asset, Instant start, Instant end, String resolutionSource) {
}
