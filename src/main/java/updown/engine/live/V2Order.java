package updown.engine.live;

import java.util.Objects;

/**
 * The signed fields of a CLOB V2 order (API-FACTS §7.2): {@code Order(uint256 salt,address maker,address signer,
 * uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,
 * bytes32 metadata,bytes32 builder)}. Amounts are integers in 6-decimal units (pUSD and shares alike), so they map
 * one to one onto {@code domain.Micros}. {@code taker} and {@code expiration} travel in the POST body unsigned.
 *
 * @param tokenId     decimal token id (up to 78 digits)
 * @param side        0 = BUY, 1 = SELL
 * @param timestampMs order creation time, Unix milliseconds
 */
public record V2Order(long salt, String maker, String signer, String tokenId, long makerAmount, long takerAmount,
                      int side, int signatureType, long timestampMs, String metadata, String builder) {
    public static final String ZERO_BYTES32 = "0x0000000000000000000000000000000000000000000000000000000000000000";
    public static final int BUY = 0;
    public static final int SELL = 1;

    public V2Order {
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(tokenId, "tokenId");
        if (!tokenId.matches("[0-9]{1,78}")) {
            throw new IllegalArgumentException("tokenId must be a decimal number: " + tokenId);
        }
        if (makerAmount <= 0 || takerAmount <= 0) {
            throw new IllegalArgumentException("order amounts must be > 0");
        }
        if (side != BUY && side != SELL) {
            throw new IllegalArgumentException("side must be 0 or 1");
        }
        if (signatureType < 0 || signatureType > 3) {
            throw new IllegalArgumentException("signatureType must be 0..3");
        }
        metadata = metadata == null ? ZERO_BYTES32 : metadata;
        builder = builder == null ? ZERO_BYTES32 : builder;
    }

    public String sideText() {
        return side == BUY ? "BUY" : "SELL";
    }
}
