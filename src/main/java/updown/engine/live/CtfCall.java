package updown.engine.live;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;
import updown.domain.Usd;

/**
 * One Conditional Tokens (CTF, {@code 0x4D97DCd97eC945f40cF65F87097ACe5EA0476045} on Polygon) call that turns
 * outcome tokens back into collateral, ABI-encoded with web3j:
 * <ul>
 *   <li>{@code redeemPositions(address collateralToken, bytes32 parentCollectionId, bytes32 conditionId,
 *       uint256[] indexSets)} after resolution; index sets {@code [1, 2]} (both outcomes of a binary market: the
 *       contract pays the winning side and burns the rest);</li>
 *   <li>{@code mergePositions(address collateralToken, bytes32 parentCollectionId, bytes32 conditionId,
 *       uint256[] partition, uint256 amount)}: {@code amount} of each outcome (partition {@code [1, 2]}) is burned
 *       for {@code amount} collateral, any time before or after resolution.</li>
 * </ul>
 * The parent collection is zero (top-level conditions).
 *
 * @param kind        REDEEM or MERGE
 * @param to          the contract called (CTF)
 * @param data        the call data, 0x-hex
 * @param conditionId the market's condition
 * @param value       pUSD the call is expected to return (the cap counts this)
 * @param tokens      the condition's outcome token ids (ERC-1155 position ids) the wallet holds, as the positions
 *                    endpoint listed them: what a sender checks on chain before it sends ({@link
 *                    ChainSubmitter#stillHeld})
 */
public record CtfCall(Kind kind, String to, String data, String conditionId, Usd value, List<String> tokens) {
    public enum Kind { REDEEM, MERGE }

    /** Conditional Tokens on Polygon (137) and, as the published deployments list it, on Amoy too. */
    public static final String CTF = "0x4D97DCd97eC945f40cF65F87097ACe5EA0476045";
    /** pUSD, the collateral since CLOB V2 (2026-04-28). */
    public static final String PUSD = "0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB";
    private static final List<Uint256> BOTH_OUTCOMES = List.of(new Uint256(1), new Uint256(2));

    public CtfCall {
        tokens = List.copyOf(tokens);
    }

    /**
     * Redeems both index sets of {@code conditionId}; {@code value} = what the winning tokens pay; {@code tokens} =
     * the condition's outcome tokens the wallet holds.
     */
    public static CtfCall redeem(String conditionId, Usd value, List<String> tokens) {
        Function f = new Function("redeemPositions", List.of(new Address(PUSD), zero(), bytes32(conditionId),
                new DynamicArray<>(Uint256.class, BOTH_OUTCOMES)), List.of());
        return new CtfCall(Kind.REDEEM, CTF, FunctionEncoder.encode(f), conditionId, value, tokens);
    }

    /**
     * Merges {@code amountMicros} of each outcome of {@code conditionId} (its two tokens, {@code tokens}) into as many
     * pUSD micro-units.
     */
    public static CtfCall merge(String conditionId, long amountMicros, List<String> tokens) {
        Function f = new Function("mergePositions", List.of(new Address(PUSD), zero(), bytes32(conditionId),
                new DynamicArray<>(Uint256.class, BOTH_OUTCOMES), new Uint256(BigInteger.valueOf(amountMicros))),
                List.of());
        return new CtfCall(Kind.MERGE, CTF, FunctionEncoder.encode(f), conditionId, Usd.ofMicros(amountMicros),
                tokens);
    }

    /** {@code balanceOf(address owner, uint256 id)} of the CTF (ERC-1155): how many of token {@code id} owner holds. */
    public static String balanceOfData(String owner, String tokenId) {
        return FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(owner),
                new Uint256(new BigInteger(tokenId))), List.of()));
    }

    private static Bytes32 zero() {
        return new Bytes32(new byte[32]);
    }

    private static Bytes32 bytes32(String hex) {
        return new Bytes32(Numeric.hexStringToByteArray(hex));
    }

    /** One log-safe line: kind, condition, value, target and the call data (nothing secret is in a call). */
    public String describe() {
        return kind + " condition " + conditionId + " for " + value + " pUSD: to " + to + " data " + data;
    }
}
