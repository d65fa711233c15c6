package updown.engine.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * EIP-712 typed data as web3j's {@link StructuredDataEncoder} reads it (the JSON shape of {@code eth_signTypedData_v4}).
 * Every digest in the live engine goes through web3j's encoder; nothing here hashes by hand.
 */
final class TypedData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode types = root.putObject("types");
    private final ObjectNode domain = root.putObject("domain");
    private final ObjectNode message = root.putObject("message");

    TypedData(String primaryType) {
        root.put("primaryType", primaryType);
    }

    /** Declares a struct type: alternating field names and Solidity types. */
    TypedData type(String name, String... namesAndTypes) {
        ArrayNode fields = types.putArray(name);
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            ObjectNode f = fields.addObject();
            f.put("name", namesAndTypes[i]);
            f.put("type", namesAndTypes[i + 1]);
        }
        return this;
    }

    ObjectNode domain() {
        return domain;
    }

    ObjectNode message() {
        return message;
    }

    StructuredDataEncoder encoder() {
        try {
            return new StructuredDataEncoder(JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("typed data not encodable: " + e.getMessage(), e);
        }
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)): the digest that is signed. */
    byte[] digest() {
        return encoder().hashStructuredData();
    }
}
