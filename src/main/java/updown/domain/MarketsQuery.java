package updown.domain;

/** Request for the trader's current {@link MarketsView} on {@code trader.query.markets}. Carries nothing. */
public record MarketsQuery() {
}
