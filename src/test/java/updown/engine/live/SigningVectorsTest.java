package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;
import updown.config.Secret;
import updown.testkit.Fixtures;

/**
 * The signing code reproduces fixtures/signing/ byte for byte. Published vectors: ClobAuth L1, HMAC L2, V1 orders
 * (CTF and neg-risk exchange), V2 POLY_1271 order. Computed (not published): the V2 EOA order
 * ({@code order-v2-eoa-ctf-exchange-amoy.computed.json}), cross-checked against the published 1271 vector's domain
 * separator and struct-hash method.
 */
@DisplayName("Signing equals the vectors in fixtures/signing byte for byte")
class SigningVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode vector(String name) throws IOException {
        return JSON.readTree(Fixtures.fixture("signing/" + name));
    }

    private static WalletKey key(JsonNode v) {
        return WalletKey.of(Secret.of(v.get("privateKey").asText()));
    }

    private static V2Order v2Order(JsonNode m) {
        return new V2Order(m.get("salt").asLong(), m.get("maker").asText(), m.get("signer").asText(),
                m.get("tokenId").asText(), m.get("makerAmount").asLong(), m.get("takerAmount").asLong(),
                m.get("side").asInt(), m.get("signatureType").asInt(), m.get("timestamp").asLong(),
                m.get("metadata").asText(), m.get("builder").asText());
    }

    @Test
    @DisplayName("the key's address is the vector's address")
    void address() throws IOException {
        JsonNode v = vector("clob-auth-l1-amoy-vector.json");
        assertThat(key(v).address()).isEqualTo(v.get("address").asText());
    }

    @Test
    @DisplayName("L1 ClobAuth digest, signature and headers equal the published vector")
    void clobAuthL1() throws IOException {
        JsonNode v = vector("clob-auth-l1-amoy-vector.json");
        WalletKey key = key(v);
        long chainId = v.at("/domain/chainId").asLong();
        byte[] digest = ClobAuth.digest(key.address(), chainId, v.at("/message/timestamp").asText(),
                v.at("/message/nonce").asLong());
        assertThat(Numeric.toHexString(digest)).isEqualTo(v.get("eip712Digest").asText());
        assertThat(ClobAuth.headers(key, chainId, 10_000_000L, 23))
                .containsExactlyEntriesOf(JSON.convertValue(v.get("resultingL1Headers"),
                        new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() {
                        }));
    }

    @Test
    @DisplayName("L2 HMAC signature equals the published vector")
    void hmacL2() throws IOException {
        JsonNode v = vector("hmac-l2-vector.json");
        String sig = L2Auth.signature(Secret.of(v.get("secret").asText()), v.get("timestamp").asText(),
                v.get("method").asText(), v.get("requestPath").asText(), v.get("body").asText());
        assertThat(sig).isEqualTo(v.get("signature").asText());
    }

    @Test
    @DisplayName("V2 EOA order: type hash, domain separator, struct hash, digest and signature equal the computed vector")
    void v2Eoa() throws IOException {
        JsonNode v = vector("order-v2-eoa-ctf-exchange-amoy.computed.json");
        String exchange = v.at("/domain/verifyingContract").asText();
        long chainId = v.at("/domain/chainId").asLong();
        V2Order order = v2Order(v.get("message"));
        assertThat(Numeric.toHexString(org.web3j.crypto.Hash.sha3(
                OrderSigner.ORDER_TYPE.getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
                .isEqualTo(v.get("orderTypeHash").asText());
        assertThat(Numeric.toHexString(OrderSigner.domainSeparator(exchange, chainId)))
                .isEqualTo(v.get("domainSeparator").asText());
        assertThat(Numeric.toHexString(OrderSigner.structHash(order, exchange, chainId)))
                .isEqualTo(v.get("structHash").asText());
        OrderSigner.Signed signed = OrderSigner.sign(key(v), order, exchange, chainId);
        assertThat(signed.orderHash()).isEqualTo(v.get("eip712Digest").asText());
        assertThat(signed.signature()).isEqualTo(v.get("signature").asText());
    }

    @Test
    @DisplayName("V2 POLY_1271 order: the wrapped signature equals the published vector")
    void v2Poly1271() throws IOException {
        JsonNode v = vector("order-v2-poly1271-amoy-vector.json");
        String exchange = v.at("/domain/verifyingContract").asText();
        long chainId = v.at("/domain/chainId").asLong();
        V2Order order = v2Order(v.get("message"));
        assertThat(Numeric.toHexString(OrderSigner.structHash(order, exchange, chainId)))
                .isEqualTo(v.get("structHash").asText());
        OrderSigner.Signed signed = OrderSigner.sign(key(v), order, exchange, chainId);
        assertThat(signed.signature()).isEqualTo(v.get("signature").asText());
        // order hash published beside the vector in py-clob-client-v2's test_exchange_order_builder_v2.py
        assertThat(signed.orderHash())
                .isEqualTo("0x2afca94626db91b2d556c351584a4cd93e13da32e377dc48c7983e43afa5ab47");
    }

    @Test
    @DisplayName("V1 orders (CTF and neg-risk exchange) hash and sign as published, through the same web3j path")
    void v1Orders() throws IOException {
        JsonNode ctf = vector("order-v1-eoa-ctf-exchange-amoy-vector.json");
        JsonNode negRisk = vector("order-v1-eoa-negrisk-exchange-amoy-vector.json");
        for (JsonNode v : new JsonNode[] {ctf, negRisk}) {
            ObjectNode td = JSON.createObjectNode();
            ObjectNode types = td.putObject("types");
            types.set("EIP712Domain", JSON.readTree("[{\"name\":\"name\",\"type\":\"string\"},"
                    + "{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"},"
                    + "{\"name\":\"verifyingContract\",\"type\":\"address\"}]"));
            types.set("Order", ctf.at("/types/Order"));
            td.put("primaryType", "Order");
            td.set("domain", v.get("domain"));
            td.set("message", v.get("message"));
            byte[] digest = new StructuredDataEncoder(JSON.writeValueAsString(td)).hashStructuredData();
            assertThat(Numeric.toHexString(digest)).isEqualTo(v.get("eip712Digest").asText());
            assertThat(key(v).signDigest(digest)).isEqualTo(v.get("signature").asText());
        }
    }
}
