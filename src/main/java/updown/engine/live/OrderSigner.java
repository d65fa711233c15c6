package updown.engine.live;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * EIP-712 hashing and signing of CLOB V2 orders with web3j, under an {@link OrderDomain}: the V2 exchanges (domain
 * version "2") or ExchangeV3 (version "3", Protocol V2 markets; same order struct, clob-client-v2
 * {@code buildOrderV3}). The methods taking a bare exchange address sign under version "2".
 *
 * <p>Signature types 0 (EOA), 1 (POLY_PROXY) and 2 (POLY_GNOSIS_SAFE) sign the order digest with the key; for 1/2 the
 * maker is the proxy/Safe (the funder) and the signer the key's address. Type 3 (POLY_1271, deposit wallet) has the
 * deposit wallet as maker and signer and wraps an ECDSA signature over a Solady {@code TypedDataSign} envelope, as in
 * Polymarket/py-clob-client-v2 {@code exchange_order_builder_v2.py}; the published vector
 * fixtures/signing/order-v2-poly1271-amoy-vector.json pins it byte for byte.
 */
public final class OrderSigner {
    public static final String ORDER_TYPE = "Order(uint256 salt,address maker,address signer,uint256 tokenId,"
            + "uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,"
            + "bytes32 metadata,bytes32 builder)";
    private static final String[] ORDER_FIELDS = {
        "salt", "uint256", "maker", "address", "signer", "address", "tokenId", "uint256",
        "makerAmount", "uint256", "takerAmount", "uint256", "side", "uint8", "signatureType", "uint8",
        "timestamp", "uint256", "metadata", "bytes32", "builder", "bytes32"};
    private static final String[] DOMAIN_FIELDS = {
        "name", "string", "version", "string", "chainId", "uint256", "verifyingContract", "address"};

    private OrderSigner() {
    }

    /** An order with its hash (the venue's order id) and its signature. */
    public record Signed(V2Order order, String orderHash, String signature, String exchange) {
    }

    /** The order's EIP-712 digest; the CLOB uses it (0x-hex) as the order id. */
    public static byte[] digest(V2Order order, String exchange, long chainId) {
        return digest(order, OrderDomain.v2(exchange), chainId);
    }

    public static byte[] digest(V2Order order, OrderDomain domain, long chainId) {
        return orderTypedData(order, domain, chainId).digest();
    }

    /** hashStruct(order), without the domain. */
    public static byte[] structHash(V2Order order, String exchange, long chainId) {
        return hashMessage(orderTypedData(order, OrderDomain.v2(exchange), chainId).encoder(), "Order");
    }

    /** The exchange's domain separator for this chain. */
    public static byte[] domainSeparator(String exchange, long chainId) {
        return domainSeparator(OrderDomain.v2(exchange), chainId);
    }

    public static byte[] domainSeparator(OrderDomain domain, long chainId) {
        TypedData td = new TypedData("EIP712Domain").type("EIP712Domain", DOMAIN_FIELDS);
        fillDomain(td, domain, chainId);
        return td.encoder().hashDomain();
    }

    public static Signed sign(WalletKey key, V2Order order, String exchange, long chainId) {
        return sign(key, order, OrderDomain.v2(exchange), chainId);
    }

    public static Signed sign(WalletKey key, V2Order order, OrderDomain domain, long chainId) {
        byte[] digest = digest(order, domain, chainId);
        String signature = order.signatureType() == 3
                ? poly1271Signature(key, order, domain, chainId)
                : key.signDigest(digest);
        return new Signed(order, Numeric.toHexString(digest), signature, domain.exchange());
    }

    /**
     * The digest the key signs for a POLY_1271 (deposit wallet) order: the Solady {@code TypedDataSign} envelope of
     * the order under the exchange's domain, with the deposit wallet ({@code order.signer}) as the inner domain.
     */
    public static byte[] poly1271Digest(V2Order order, String exchange, long chainId) {
        return poly1271Digest(order, OrderDomain.v2(exchange), chainId);
    }

    public static byte[] poly1271Digest(V2Order order, OrderDomain domain, long chainId) {
        TypedData envelope = new TypedData("TypedDataSign")
                .type("EIP712Domain", DOMAIN_FIELDS)
                .type("TypedDataSign", "contents", "Order", "name", "string", "version", "string",
                        "chainId", "uint256", "verifyingContract", "address", "salt", "bytes32")
                .type("Order", ORDER_FIELDS);
        fillDomain(envelope, domain, chainId);
        fillOrder(envelope.message().putObject("contents"), order);
        envelope.message().put("name", "DepositWallet").put("version", "1").put("chainId", chainId)
                .put("verifyingContract", order.signer()).put("salt", V2Order.ZERO_BYTES32);
        return envelope.digest();
    }

    private static String poly1271Signature(WalletKey key, V2Order order, OrderDomain domain, long chainId) {
        String inner = key.signDigest(poly1271Digest(order, domain, chainId));
        byte[] typeBytes = ORDER_TYPE.getBytes(StandardCharsets.US_ASCII);
        String length = String.format("%04x", typeBytes.length);
        return inner
                + Numeric.toHexStringNoPrefix(domainSeparator(domain, chainId))
                + Numeric.toHexStringNoPrefix(hashMessage(orderTypedData(order, domain, chainId).encoder(), "Order"))
                + Numeric.toHexStringNoPrefix(typeBytes)
                + length;
    }

    private static TypedData orderTypedData(V2Order order, OrderDomain domain, long chainId) {
        TypedData td = new TypedData("Order").type("EIP712Domain", DOMAIN_FIELDS).type("Order", ORDER_FIELDS);
        fillDomain(td, domain, chainId);
        fillOrder(td.message(), order);
        return td;
    }

    private static void fillDomain(TypedData td, OrderDomain domain, long chainId) {
        td.domain().put("name", ClobContracts.ORDER_DOMAIN_NAME).put("version", domain.version())
                .put("chainId", chainId).put("verifyingContract", domain.exchange());
    }

    private static void fillOrder(com.fasterxml.jackson.databind.node.ObjectNode m, V2Order o) {
        m.put("salt", Long.toString(o.salt()));
        m.put("maker", o.maker());
        m.put("signer", o.signer());
        m.put("tokenId", o.tokenId());
        m.put("makerAmount", Long.toString(o.makerAmount()));
        m.put("takerAmount", Long.toString(o.takerAmount()));
        m.put("side", o.side());
        m.put("signatureType", o.signatureType());
        m.put("timestamp", Long.toString(o.timestampMs()));
        m.put("metadata", o.metadata());
        m.put("builder", o.builder());
    }

    @SuppressWarnings("unchecked")
    private static byte[] hashMessage(StructuredDataEncoder encoder, String type) {
        return encoder.hashMessage(type, (java.util.HashMap<String, Object>) encoder.jsonMessageObject.getMessage());
    }
}
