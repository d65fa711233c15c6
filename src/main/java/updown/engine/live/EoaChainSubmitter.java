package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.utils.Numeric;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * Sends a CTF call from an EOA wallet (LIVE_SIGNATURE_TYPE 0: the signer is the funder and pays POL gas) over a
 * Polygon JSON-RPC endpoint: checks {@code eth_chainId} against CHAIN_ID, takes the {@code pending} nonce, prices
 * the gas (tip from {@code eth_maxPriorityFeePerGas}, base fee of the latest block; refused above
 * LIVE_MAX_GAS_GWEI), estimates the gas (+20 %), signs an EIP-1559 transaction with the wallet key (web3j), sends
 * it raw and follows its receipt on the bot's timer (bounded checks, no sleeping) to status 1 (done) or 0
 * (reverted).
 *
 * <p>Never two transactions for one call: a signed transaction is kept until its receipt is known. When the send's
 * answer is lost (timeout, HTTP 5xx, garbage), or the receipt does not come within the checks, the next submit of
 * the same call re-sends the SAME signed bytes (same nonce, same hash; a node answers "already known") and follows
 * that hash again. A fresh transaction is signed only once the node says its nonce was used by something else. And
 * while any transaction of the wallet is pending (pending nonce above the latest), nothing new is signed.
 */
public final class EoaChainSubmitter implements ChainSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(EoaChainSubmitter.class);
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** Polygon makes a block about every 2 s: the receipt is asked for every 2 s, 60 times (2 minutes). */
    static final long RECEIPT_POLL_MS = 2_000;
    static final int RECEIPT_CHECKS = 60;

    /** A signed transaction not yet known to be mined: re-sent as is, never re-signed. */
    private record Signed(String raw, String hash, BigInteger nonce) {
    }

    private final PolygonRpc rpc;
    private final WalletKey key;
    private final long chainId;
    private final BigInteger maxFeePerGas;
    private final Timers timers;
    private final long pollMs;
    private final int checks;
    private final Map<String, Signed> inFlight = new HashMap<>();
    private boolean chainChecked;

    EoaChainSubmitter(Vertx vertx, PolygonRpc rpc, WalletKey key, long chainId, long maxGasGwei, BotClock clock,
                      long pollMs, int checks) {
        this.rpc = rpc;
        this.key = key;
        this.chainId = chainId;
        this.maxFeePerGas = BigInteger.valueOf(maxGasGwei).multiply(GWEI);
        this.timers = new Timers(vertx, clock);
        this.pollMs = pollMs;
        this.checks = checks;
    }

    /** The bot's sender: POLYGON_RPC_URL, CHAIN_ID and LIVE_MAX_GAS_GWEI from {@code live}; 2 s receipt checks. */
    public static EoaChainSubmitter of(Vertx vertx, updown.config.BotConfig.Live live, long httpTimeoutMs,
                                       WalletKey key, BotClock clock) {
        return new EoaChainSubmitter(vertx, new PolygonRpc(vertx, live.polygonRpcUrl(), httpTimeoutMs), key,
                live.chainId(), live.maxGasGwei(), clock, RECEIPT_POLL_MS, RECEIPT_CHECKS);
    }

    @Override
    public boolean sends() {
        return true;
    }

    @Override
    public Future<ChainReceipt> submit(CtfCall call) {
        String id = id(call);
        Signed known = inFlight.get(id);
        Future<Signed> ready = known != null ? Future.succeededFuture(known) : checkChain().compose(v -> sign(call))
                .onSuccess(s -> inFlight.put(id, s));
        return ready.compose(s -> broadcast(id, s)).compose(s -> follow(id, s, 1));
    }

    @Override
    public Future<Boolean> stillHeld(CtfCall call) {
        if (call.tokens().isEmpty() || inFlight.containsKey(id(call))) {
            return Future.succeededFuture(true); // nothing to ask about, or our own transaction being followed
        }
        return checkChain().compose(v -> balances(call.tokens(), 0, new java.util.ArrayList<>())).map(held -> {
            BigInteger amount = BigInteger.valueOf(call.value().micros());
            return switch (call.kind()) {
                case REDEEM -> held.stream().anyMatch(b -> b.signum() > 0);
                case MERGE -> held.stream().allMatch(b -> b.compareTo(amount) >= 0);
            };
        });
    }

    /** The wallet's CTF balance of each token, asked one after the other (eth_call balanceOf at the latest block). */
    private Future<List<BigInteger>> balances(List<String> tokens, int i, List<BigInteger> acc) {
        if (i == tokens.size()) {
            return Future.succeededFuture(acc);
        }
        Map<String, String> call = new LinkedHashMap<>();
        call.put("to", CtfCall.CTF);
        try {
            call.put("data", CtfCall.balanceOfData(key.address(), tokens.get(i)));
        } catch (NumberFormatException e) {
            return Future.failedFuture(ChainFailure.retryable("token id '" + clip(tokens.get(i))
                    + "' from the positions endpoint is not a number: its balance cannot be asked"));
        }
        return rpc.call("eth_call", call, "latest").compose(r -> {
            acc.add(quantity("eth_call balanceOf", r));
            return balances(tokens, i + 1, acc);
        });
    }

    private static String id(CtfCall call) {
        return call.to().toLowerCase(java.util.Locale.ROOT) + call.data();
    }

    private Future<Void> checkChain() {
        if (chainChecked) {
            return Future.succeededFuture();
        }
        return rpc.call("eth_chainId").compose(r -> {
            BigInteger id = quantity("eth_chainId", r);
            if (!id.equals(BigInteger.valueOf(chainId))) {
                return Future.failedFuture(ChainFailure.retryable("Polygon RPC is chain " + id + ", CHAIN_ID is " + chainId
                        + ": nothing sent (point POLYGON_RPC_URL at the right network)"));
            }
            chainChecked = true;
            return Future.succeededFuture();
        });
    }

    private Future<Signed> sign(CtfCall call) {
        String from = key.address();
        Future<BigInteger> latest = rpc.call("eth_getTransactionCount", from, "latest")
                .map(r -> quantity("eth_getTransactionCount", r));
        Future<BigInteger> pending = latest.compose(l -> rpc.call("eth_getTransactionCount", from, "pending"))
                .map(r -> quantity("eth_getTransactionCount", r));
        Future<BigInteger> tip = pending.compose(p -> rpc.call("eth_maxPriorityFeePerGas"))
                .map(r -> quantity("eth_maxPriorityFeePerGas", r));
        Future<BigInteger> base = tip.compose(t -> rpc.call("eth_getBlockByNumber", "latest", false)).map(b -> {
            if (b == null || !b.isObject()) {
                throw ChainFailure.retryable("eth_getBlockByNumber: no latest block in the answer");
            }
            return quantity("baseFeePerGas", b.get("baseFeePerGas"));
        });
        return base.compose(baseFee -> {
            BigInteger nonce = latest.result();
            if (pending.result().compareTo(nonce) > 0) {
                return Future.failedFuture(ChainFailure.retryable("a transaction of " + from + " is still pending (nonce "
                        + nonce + "): nothing new is signed until it is mined"));
            }
            BigInteger priority = tip.result();
            BigInteger needed = baseFee.add(priority);
            if (needed.compareTo(maxFeePerGas) > 0) {
                return Future.failedFuture(ChainFailure.retryable("gas " + gwei(needed) + " gwei (base " + gwei(baseFee)
                        + " + tip " + gwei(priority) + ") is above LIVE_MAX_GAS_GWEI " + gwei(maxFeePerGas)
                        + ": not sent, tried again next check"));
            }
            // room for the base fee to double before inclusion, never above the cap
            BigInteger maxFee = baseFee.shiftLeft(1).add(priority).min(maxFeePerGas);
            Map<String, String> tx = new LinkedHashMap<>();
            tx.put("from", from);
            tx.put("to", call.to());
            tx.put("data", call.data());
            return rpc.call("eth_estimateGas", tx).map(r -> {
                BigInteger gas = quantity("eth_estimateGas", r);
                BigInteger limit = gas.add(gas.divide(BigInteger.valueOf(5)));
                RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, limit, call.to(),
                        BigInteger.ZERO, call.data(), priority, maxFee);
                byte[] signed = key.signTransaction(raw);
                return new Signed(Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)), nonce);
            });
        });
    }

    /** Sends the signed bytes; "already known" means the node has them (an earlier send whose answer was lost). */
    private Future<Signed> broadcast(String id, Signed s) {
        return rpc.call("eth_sendRawTransaction", s.raw()).transform(ar -> {
            if (ar.succeeded()) {
                String answered = ar.result() == null ? "" : ar.result().asText("");
                if (!answered.equalsIgnoreCase(s.hash())) {
                    LOG.warn("eth_sendRawTransaction answered hash '{}', expected {}; following {}",
                            clip(answered), s.hash(), s.hash());
                }
                return Future.succeededFuture(s);
            }
            Throwable t = ar.cause();
            if (t instanceof PolygonRpc.RpcError e) {
                if (e.text().contains("already known") || e.text().contains("known transaction")) {
                    return Future.succeededFuture(s);
                }
                if (e.text().contains("nonce too low")) {
                    // mined already (ours: its receipt says so) or the nonce went to another transaction
                    return receipt(s).compose(r -> {
                        if (r != null && r.isObject()) {
                            return Future.succeededFuture(s);
                        }
                        inFlight.remove(id);
                        return Future.failedFuture(ChainFailure.retryable("nonce " + s.nonce() + " was used by another "
                                + "transaction; " + s.hash() + " dropped, a fresh one next check"));
                    });
                }
                inFlight.remove(id); // refused outright (e.g. insufficient funds for gas): nothing is pending
                return Future.failedFuture(ChainFailure.retryable("transaction refused: " + e.getMessage()));
            }
            String why = t instanceof ChainFailure ? t.getMessage() : t.toString();
            return Future.failedFuture(ChainFailure.retryable("send of " + s.hash() + " (nonce " + s.nonce()
                    + ") unanswered: " + why + "; the same transaction is re-sent next check, never a new one"));
        });
    }

    private Future<JsonNode> receipt(Signed s) {
        return rpc.call("eth_getTransactionReceipt", s.hash());
    }

    /** Asks for the receipt every {@code pollMs} of bot time, at most {@code checks} times. */
    private Future<ChainReceipt> follow(String id, Signed s, int check) {
        return receipt(s).transform(ar -> {
            JsonNode r = ar.succeeded() ? ar.result() : null;
            if (ar.failed()) {
                LOG.debug("receipt of {}: {}", s.hash(), ar.cause().getMessage());
            }
            if (r != null && r.isObject()) {
                return Future.succeededFuture(done(id, s, r));
            }
            if (check >= checks) {
                return Future.failedFuture(ChainFailure.retryable("transaction " + s.hash() + " not mined after " + checks
                        + " receipt checks; followed (never re-signed) next check"));
            }
            return timers.delay(pollMs).compose(v -> follow(id, s, check + 1));
        });
    }

    private ChainReceipt done(String id, Signed s, JsonNode r) {
        String status = r.path("status").asText("");
        inFlight.remove(id);
        BigInteger gas = BigInteger.ZERO;
        try {
            gas = quantity("gasUsed", r.get("gasUsed")).multiply(quantity("effectiveGasPrice",
                    r.get("effectiveGasPrice")));
        } catch (ChainFailure unreadable) {
            LOG.warn("receipt of {}: gas paid unreadable ({})", s.hash(), unreadable.getMessage());
        }
        if ("0x1".equals(status)) {
            return new ChainReceipt(s.hash(), gas);
        }
        if ("0x0".equals(status)) {
            throw ChainFailure.permanent("transaction " + s.hash() + " REVERTED on chain (gas paid " + new ChainReceipt(
                    s.hash(), gas).gasPaidPol() + " POL); not tried again in this run: check the position on "
                    + "polymarket.com");
        }
        inFlight.put(id, s);
        throw ChainFailure.retryable("receipt of " + s.hash() + " has status '" + clip(status) + "'; followed next check");
    }

    private static BigInteger quantity(String what, JsonNode v) {
        String hex = v == null || v.isNull() ? "" : v.asText("");
        if (!hex.matches("0x[0-9a-fA-F]{1,64}")) {
            throw ChainFailure.retryable(what + ": not a hex quantity ('" + clip(hex) + "')");
        }
        return new BigInteger(hex.substring(2), 16);
    }

    private static String gwei(BigInteger wei) {
        return new java.math.BigDecimal(wei, 9).stripTrailingZeros().toPlainString();
    }

    private static String clip(String s) {
        String clean = s.replaceAll("[^0-9A-Za-z_ .:-]", "");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }
}
