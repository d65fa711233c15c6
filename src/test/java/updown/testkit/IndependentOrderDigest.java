package updown.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * An EIP-712 order digest computed without the production signer: the typed data is written out as the
 * {@code eth_signTypedData_v4} JSON text a wallet would receive (types, domain, message spelled out here, from
 * API-FACTS §7.2 and clob-client-v2 {@code ctfExchangeV2TypedData.ts}) and hashed by web3j's JSON entry point. The
 * fake venue uses it to check ExchangeV3 (domain version "3") orders, so a wrong domain in production cannot pass.
 */
public final class IndependentOrderDigest {
    private IndependentOrderDigest() {
    }

    /** The digest of an order under {@code Polymarket CTF Exchange} / {@code version} / chain / exchange. */
    public static byte[] digest(String version, long chainId, String exchange, String salt, String maker,
                                String signer, String tokenId, String makerAmount, String takerAmount, int side,
                                int signatureType, String timestamp, String metadata, String builder) {
        String json = """
                {"types":{
                  "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                    {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                  "Order":[{"name":"salt","type":"uint256"},{"name":"maker","type":"address"},
                    {"name":"signer","type":"address"},{"name":"tokenId","type":"uint256"},
                    {"name":"makerAmount","type":"uint256"},{"name":"takerAmount","type":"uint256"},
                    {"name":"side","type":"uint8"},{"name":"signatureType","type":"uint8"},
                    {"name":"timestamp","type":"uint256"},{"name":"metadata","type":"bytes32"},
                    {"name":"builder","type":"bytes32"}]},
                 "primaryType":"Order",
                 "domain":{"name":"Polymarket CTF Exchange","version":"%s","chainId":%d,"verifyingContract":"%s"},
                 "message":{"salt":"%s","maker":"%s","signer":"%s","tokenId":"%s","makerAmount":"%s",
                   "takerAmount":"%s","side":%d,"signatureType":%d,"timestamp":"%s","metadata":"%s","builder":"%s"}}
                """.formatted(version, chainId, exchange, salt, maker, signer, tokenId, makerAmount, takerAmount, side,
                signatureType, timestamp, metadata, builder);
        try {
            return new StructuredDataEncoder(json).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
