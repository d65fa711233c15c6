package updown.engine.live;

import java.util.Optional;

/**
 * The CLOB V2 exchange contracts an order is signed for (EIP-712 {@code verifyingContract}), per chain.
 *
 * <p>Source: API-FACTS §7.1 and Polymarket/py-clob-client-v2 {@code config.py} (V2 exchanges live since 2026-04-28;
 * the same addresses are configured for Polygon 137 and Amoy 80002). BTC up/down markets are not neg-risk, but the
 * neg-risk exchange is here so a neg-risk token is signed for the right contract instead of being refused later.
 */
public record ClobContracts(long chainId, String exchange, String negRiskExchange, String exchangeV3) {
    public static final long POLYGON = 137;
    public static final long AMOY = 80002;

    /** EIP-712 domain of V2 orders: name and version "2" ("1" was V1; "3" is ExchangeV3, {@link #orderDomain}). */
    public static final String ORDER_DOMAIN_NAME = "Polymarket CTF Exchange";
    public static final String ORDER_DOMAIN_VERSION = "2";

    private static final String V2_EXCHANGE = "0xE111180000d2663C0091e4f400237545B87B996B";
    private static final String V2_NEG_RISK_EXCHANGE = "0xe2222d279d744050d28e00520010520000310F59";
    /** ExchangeV3 (Protocol V2 markets): API-FACTS §7.1; clob-client-v2 {@code src/config.ts} per chain. */
    private static final String EXCHANGE_V3_POLYGON = "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa";
    private static final String EXCHANGE_V3_AMOY = "0x9fE6e61422AdB6F610d8597F9684b16912D50C3D";

    /** The contracts for a chain, empty for a chain whose V2 contracts are unknown. */
    public static Optional<ClobContracts> forChain(long chainId) {
        if (chainId == POLYGON) {
            return Optional.of(new ClobContracts(chainId, V2_EXCHANGE, V2_NEG_RISK_EXCHANGE, EXCHANGE_V3_POLYGON));
        }
        if (chainId == AMOY) {
            return Optional.of(new ClobContracts(chainId, V2_EXCHANGE, V2_NEG_RISK_EXCHANGE, EXCHANGE_V3_AMOY));
        }
        return Optional.empty();
    }

    public String exchangeFor(boolean negRisk) {
        return negRisk ? negRiskExchange : exchange;
    }

    /**
     * Where an order for a market is signed: a Protocol V2 market ({@code version:"v2"}) trades on ExchangeV3 under
     * domain version "3" (neg-risk does not apply there); a CTF market on the V2 exchange of its neg-risk flag, "2".
     */
    public OrderDomain orderDomain(boolean protocolV2, boolean negRisk) {
        return protocolV2 ? new OrderDomain(exchangeV3, OrderDomain.V3) : OrderDomain.v2(exchangeFor(negRisk));
    }
}
