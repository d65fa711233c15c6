package updown.engine.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * L1 authentication (creating or deriving API credentials): an EIP-712 {@code ClobAuth} message signed by the wallet
 * key. Domain {@code ClobAuthDomain} version "1" with no verifying contract; unchanged in CLOB V2 (API-FACTS §7.3;
 * vector fixtures/signing/clob-auth-l1-amoy-vector.json).
 */
public final class ClobAuth {
    public static final String MESSAGE = "This message attests that I control the given wallet";

    private ClobAuth() {
    }

    /** The EIP-712 digest of a ClobAuth message; {@code timestamp} is Unix seconds as text. */
    public static byte[] digest(String address, long chainId, String timestamp, long nonce) {
        TypedData td = new TypedData("ClobAuth")
                .type("EIP712Domain", "name", "string", "version", "string", "chainId", "uint256")
                .type("ClobAuth", "address", "address", "timestamp", "string", "nonce", "uint256",
                        "message", "string");
        td.domain().put("name", "ClobAuthDomain").put("version", "1").put("chainId", chainId);
        td.message().put("address", address).put("timestamp", timestamp).put("nonce", nonce)
                .put("message", MESSAGE);
        return td.digest();
    }

    /** The four L1 headers for a request made at {@code timestampSeconds}. */
    public static Map<String, String> headers(WalletKey key, long chainId, long timestampSeconds, long nonce) {
        String ts = Long.toString(timestampSeconds);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("POLY_ADDRESS", key.address());
        h.put("POLY_SIGNATURE", key.signDigest(digest(key.address(), chainId, ts, nonce)));
        h.put("POLY_TIMESTAMP", ts);
        h.put("POLY_NONCE", Long.toString(nonce));
        return h;
    }
}
