package updown.engine.live;

/**
 * The EIP-712 domain an order is signed under: the exchange contract ({@code verifyingContract}) and the domain
 * version, "2" for the CTF Exchange V2 pair (CTF markets) and "3" for ExchangeV3 (Protocol V2 markets,
 * {@code version:"v2"}). The domain name is "Polymarket CTF Exchange" for both.
 */
public record OrderDomain(String exchange, String version) {
    public static final String V2 = "2";
    public static final String V3 = "3";

    public static OrderDomain v2(String exchange) {
        return new OrderDomain(exchange, V2);
    }
}
