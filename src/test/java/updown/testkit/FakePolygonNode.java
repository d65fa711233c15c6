package updown.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A fake Polygon JSON-RPC 2.0 node on 127.0.0.1. It reads every raw transaction with its own code ({@link Rlp}:
 * the 0x02 typed envelope of EIP-1559, the sender recovered from the signature with web3j's
 * {@link Sign#signedMessageHashToKey}), never with the bot's sender, and records chain id, nonce, fees, gas, to and
 * data. A valid transaction is mined at once (the wallet's nonce moves); its receipt is answered after one "not yet"
 * (status 0x1, or 0x0 when {@link #revertNext()} was asked). Scripted faults per method: an HTTP status, a JSON-RPC
 * error, garbage, or (for a send) a lost answer after the transaction was taken.
 *
 * <p>It also keeps the Conditional Tokens' ERC-1155 balances a test gives it ({@link #ctfBalance}, per owner and
 * token, for the tokens of a condition named by {@link #ctfCondition}) and answers {@code eth_call balanceOf} from
 * them; a mined {@code redeemPositions} burns the sender's tokens of its condition, a mined {@code mergePositions}
 * its amount of each (decoded here from the call data by ABI offsets, not by the bot's encoder).
 */
public final class FakePolygonNode extends FakeServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A transaction as the node decoded it. */
    public record Tx(String hash, long chainId, BigInteger nonce, BigInteger maxPriorityFeePerGas,
                     BigInteger maxFeePerGas, BigInteger gasLimit, String to, BigInteger value, String data,
                     String from) {
    }

    private record Fault(String method, int status, String body, boolean takeThenFail) {
    }

    private final long chainId;
    private final Map<String, BigInteger> nonces = new LinkedHashMap<>();
    private final Map<String, Tx> known = new LinkedHashMap<>();
    private final Map<String, Integer> receiptAsks = new LinkedHashMap<>();
    private final Map<String, String> status = new LinkedHashMap<>();
    private final List<String> rawSends = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private BigInteger baseFee = BigInteger.valueOf(30_000_000_000L);
    private BigInteger tip = BigInteger.valueOf(25_000_000_000L);
    private boolean revertNext;
    /** owner|token → balance in 6-decimal units. */
    private final Map<String, BigInteger> ctf = new LinkedHashMap<>();
    /** condition id (0x + 64 hex, lower case) → its outcome token ids. */
    private final Map<String, List<String>> conditions = new LinkedHashMap<>();
    private static final String BALANCE_OF = Hash.sha3String("balanceOf(address,uint256)").substring(0, 10);
    /** The CTF's redeemPositions selector, from its signature (computed here, not taken from the bot). */
    public static final String REDEEM = Hash.sha3String("redeemPositions(address,bytes32,bytes32,uint256[])")
            .substring(0, 10);
    /** The CTF's mergePositions selector. */
    public static final String MERGE = Hash.sha3String(
            "mergePositions(address,bytes32,bytes32,uint256[],uint256)").substring(0, 10);

    public FakePolygonNode(Vertx vertx, long chainId, Clock clock) {
        super(vertx, clock);
        this.chainId = chainId;
    }

    public Future<FakePolygonNode> start() {
        return listen().map(this);
    }

    public Future<Void> stop() {
        return close();
    }

    // ---- scripting ----------------------------------------------------------------------------------------

    /** Base fee of the latest block and the suggested tip, in wei. */
    public synchronized FakePolygonNode fees(BigInteger baseFeeWei, BigInteger tipWei) {
        this.baseFee = baseFeeWei;
        this.tip = tipWei;
        return this;
    }

    /** {@code owner} holds {@code micros} of CTF token {@code tokenId} (a decimal id, as the Data API gives it). */
    public synchronized FakePolygonNode ctfBalance(String owner, String tokenId, long micros) {
        ctf.put(owner.toLowerCase(Locale.ROOT) + "|" + tokenId, BigInteger.valueOf(micros));
        return this;
    }

    /** The outcome tokens of {@code conditionId}: what a mined redeem or merge of it burns. */
    public synchronized FakePolygonNode ctfCondition(String conditionId, String... tokenIds) {
        conditions.put(conditionId.toLowerCase(Locale.ROOT), List.of(tokenIds));
        return this;
    }

    /** What {@code owner} holds of {@code tokenId} now. */
    public synchronized BigInteger ctfBalance(String owner, String tokenId) {
        return ctf.getOrDefault(owner.toLowerCase(Locale.ROOT) + "|" + tokenId, BigInteger.ZERO);
    }

    /** The next mined transaction reverts (receipt status 0x0). */
    public synchronized FakePolygonNode revertNext() {
        this.revertNext = true;
        return this;
    }

    /** The next call of {@code method} gets HTTP {@code status} with {@code body}. */
    public synchronized FakePolygonNode failNext(String method, int status, String body) {
        faults.add(new Fault(method, status, body, false));
        return this;
    }

    /** The next eth_sendRawTransaction is taken (and mined) but answered HTTP 503: the sender's answer is lost. */
    public synchronized FakePolygonNode loseNextSendAnswer() {
        faults.add(new Fault("eth_sendRawTransaction", 503, "upstream timeout", true));
        return this;
    }

    // ---- what it saw --------------------------------------------------------------------------------------

    /** Every distinct transaction the node took, in order. */
    public synchronized List<Tx> transactions() {
        return List.copyOf(known.values());
    }

    /** Every eth_sendRawTransaction's raw payload, duplicates included. */
    public synchronized List<String> rawSends() {
        return List.copyOf(rawSends);
    }

    /** Every JSON-RPC method called, in order. */
    public synchronized List<String> methods() {
        return List.copyOf(methods);
    }

    /** Requests the node could not read (anything here fails a test that checks it). */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** The node's endpoint, as POLYGON_RPC_URL. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port() + "/rpc";
    }

    // ---- the node -----------------------------------------------------------------------------------------

    @Override
    protected void onRequest(HttpServerRequest req) {
        req.body().onSuccess(buf -> {
            String answer;
            synchronized (this) {
                JsonNode call;
                try {
                    call = JSON.readTree(buf.toString());
                } catch (Exception e) {
                    problems.add("unreadable request");
                    req.response().setStatusCode(400).end();
                    return;
                }
                String method = call.path("method").asText("");
                methods.add(method);
                Fault f = takeFault(method);
                if (f != null && !f.takeThenFail()) {
                    req.response().setStatusCode(f.status()).end(f.body());
                    return;
                }
                ObjectNode out = JSON.createObjectNode();
                out.put("jsonrpc", "2.0");
                out.set("id", call.get("id"));
                try {
                    out.set("result", answer(method, call.path("params")));
                } catch (RpcError e) {
                    ObjectNode err = out.putObject("error");
                    err.put("code", e.code);
                    err.put("message", e.getMessage());
                }
                if (f != null) {
                    req.response().setStatusCode(f.status()).end(f.body());
                    return;
                }
                answer = out.toString();
            }
            req.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(answer);
        });
    }

    private Fault takeFault(String method) {
        for (Fault f : faults) {
            if (f.method().equals(method)) {
                faults.remove(f);
                return f;
            }
        }
        return null;
    }

    private JsonNode answer(String method, JsonNode params) {
        switch (method) {
            case "eth_chainId":
                return text(qty(BigInteger.valueOf(chainId)));
            case "eth_getTransactionCount":
                return text(qty(nonces.getOrDefault(params.path(0).asText("").toLowerCase(Locale.ROOT),
                        BigInteger.ZERO)));
            case "eth_maxPriorityFeePerGas":
                return text(qty(tip));
            case "eth_getBlockByNumber": {
                ObjectNode b = JSON.createObjectNode();
                b.put("number", "0x4b0a1f2");
                b.put("baseFeePerGas", qty(baseFee));
                return b;
            }
            case "eth_estimateGas":
                if (!params.path(0).path("data").asText("").startsWith("0x")) {
                    throw new RpcError(-32602, "invalid params");
                }
                return text(qty(BigInteger.valueOf(150_000)));
            case "eth_call":
                return text(call(params.path(0).path("data").asText("")));
            case "eth_sendRawTransaction":
                return text(send(params.path(0).asText("")));
            case "eth_getTransactionReceipt":
                return receipt(params.path(0).asText("").toLowerCase(Locale.ROOT));
            default:
                throw new RpcError(-32601, "the method " + method + " does not exist/is not available");
        }
    }

    private String send(String rawHex) {
        rawSends.add(rawHex);
        byte[] raw = Numeric.hexStringToByteArray(rawHex);
        String hash = Numeric.toHexString(Hash.sha3(raw));
        if (known.containsKey(hash)) {
            throw new RpcError(-32000, "already known");
        }
        Tx tx;
        try {
            tx = decode(raw, hash);
        } catch (RuntimeException | java.security.SignatureException e) {
            problems.add("undecodable transaction: " + e.getMessage());
            throw new RpcError(-32000, "rlp: invalid transaction");
        }
        if (tx.chainId() != chainId) {
            problems.add("transaction for chain " + tx.chainId());
            throw new RpcError(-32000, "invalid chain id");
        }
        BigInteger expected = nonces.getOrDefault(tx.from(), BigInteger.ZERO);
        if (tx.nonce().compareTo(expected) < 0) {
            throw new RpcError(-32000, "nonce too low: next nonce " + expected + ", tx nonce " + tx.nonce());
        }
        if (tx.nonce().compareTo(expected) > 0) {
            problems.add("nonce gap: " + tx.nonce() + " after " + expected);
        }
        known.put(hash, tx);
        nonces.put(tx.from(), tx.nonce().add(BigInteger.ONE)); // mined at once
        status.put(hash, revertNext ? "0x0" : "0x1");
        if (!revertNext) {
            burn(tx);
        }
        revertNext = false;
        return hash;
    }

    /** ERC-1155 balanceOf(address, uint256): selector, then two 32-byte words. */
    private String call(String data) {
        String d = data.toLowerCase(Locale.ROOT);
        if (!d.startsWith(BALANCE_OF) || d.length() != 10 + 128) {
            throw new RpcError(-32000, "execution reverted");
        }
        String owner = "0x" + d.substring(10 + 24, 10 + 64);
        String token = new BigInteger(d.substring(10 + 64), 16).toString();
        BigInteger b = ctf.getOrDefault(owner + "|" + token, BigInteger.ZERO);
        return "0x" + String.format("%64s", b.toString(16)).replace(' ', '0');
    }

    /** A mined CTF redeem burns the sender's tokens of the condition; a merge burns its amount of each. */
    private void burn(Tx tx) {
        String d = tx.data().toLowerCase(Locale.ROOT);
        boolean redeem = d.startsWith(REDEEM);
        if (!redeem && !d.startsWith(MERGE)) {
            return;
        }
        // words after the selector: collateral, parent collection, condition id, offset of the array[, amount]
        String condition = "0x" + d.substring(10 + 128, 10 + 192);
        List<String> tokens = conditions.getOrDefault(condition, List.of());
        BigInteger amount = redeem ? null : new BigInteger(d.substring(10 + 256, 10 + 320), 16);
        for (String token : tokens) {
            String k = tx.from() + "|" + token;
            BigInteger held = ctf.getOrDefault(k, BigInteger.ZERO);
            BigInteger left = redeem ? BigInteger.ZERO : held.subtract(amount);
            if (left.signum() < 0) {
                problems.add("merge of " + amount + " with only " + held + " of " + token);
                left = BigInteger.ZERO;
            }
            ctf.put(k, left);
        }
    }

    private JsonNode receipt(String hash) {
        Tx tx = known.get(hash);
        int asked = receiptAsks.merge(hash, 1, Integer::sum);
        if (tx == null || asked < 2) {
            return JSON.nullNode(); // unknown, or not yet in a block: one "not yet" first
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("transactionHash", hash);
        r.put("status", status.get(hash));
        r.put("from", tx.from());
        r.put("to", tx.to());
        r.put("gasUsed", qty(BigInteger.valueOf(120_000)));
        r.put("effectiveGasPrice", qty(baseFee.add(tip)));
        return r;
    }

    /** EIP-1559: 0x02 || rlp([chainId, nonce, tip, maxFee, gas, to, value, data, accessList, yParity, r, s]). */
    private static Tx decode(byte[] raw, String hash) throws java.security.SignatureException {
        if (raw.length < 2 || raw[0] != 0x02) {
            throw new IllegalArgumentException("not an EIP-1559 (type 2) transaction");
        }
        Rlp.Item root = Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length));
        if (!root.isList() || root.list().size() != 12) {
            throw new IllegalArgumentException("type 2 payload is not a 12-item list");
        }
        List<Rlp.Item> f = root.list();
        byte[] unsigned = Rlp.list(f.subList(0, 9));
        byte[] payload = new byte[unsigned.length + 1];
        payload[0] = 0x02;
        System.arraycopy(unsigned, 0, payload, 1, unsigned.length);
        byte[] digest = Hash.sha3(payload);
        int parity = f.get(9).number().intValueExact();
        Sign.SignatureData sig = new Sign.SignatureData((byte) (27 + parity),
                Numeric.toBytesPadded(f.get(10).number(), 32), Numeric.toBytesPadded(f.get(11).number(), 32));
        BigInteger publicKey = Sign.signedMessageHashToKey(digest, sig);
        String from = "0x" + Keys.getAddress(publicKey);
        return new Tx(hash, f.get(0).number().longValueExact(), f.get(1).number(), f.get(2).number(),
                f.get(3).number(), f.get(4).number(), f.get(5).hex(), f.get(6).number(), f.get(7).hex(),
                from.toLowerCase(Locale.ROOT));
    }

    private static JsonNode text(String s) {
        return JSON.getNodeFactory().textNode(s);
    }

    private static String qty(BigInteger v) {
        return "0x" + v.toString(16);
    }

    private static final class RpcError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
