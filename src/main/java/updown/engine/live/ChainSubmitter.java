package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import updown.config.BotConfig;
import updown.time.BotClock;

/**
 * Sends one CTF call on chain from the funder wallet and answers its receipt. Pluggable because how a call reaches
 * the chain depends on the wallet: an EOA signs and sends a transaction itself and pays POL gas
 * ({@link EoaChainSubmitter}); a Polymarket proxy, Safe or deposit wallet needs Polymarket's relayer (gasless,
 * Builder API keys, Safe signing), which the bot does not have: those calls are logged for the operator
 * ({@link #manual()}). See docs/live.md, "Redeem and merge".
 */
public interface ChainSubmitter {
    /**
     * Submits {@code call}; the future holds the receipt once the call is done on chain, or fails with a
     * {@link ChainFailure} saying whether it is worth trying again.
     */
    Future<ChainReceipt> submit(CtfCall call);

    /**
     * Whether the wallet still holds on chain what {@code call} would turn into cash: for a redeem any of its tokens,
     * for a merge its amount of each. False means the call was done already (by an earlier run whose ledger entry was
     * lost in a crash, or on polymarket.com) and sending it again would only pay gas for nothing. True when the
     * submitter cannot tell (it has no chain to ask) or the call is its own transaction still in flight.
     */
    default Future<Boolean> stillHeld(CtfCall call) {
        return Future.succeededFuture(true);
    }

    /** Whether {@link #submit} really sends (false: it only reports). */
    boolean sends();

    /**
     * What the bot uses: {@link #dryRun()} under LIVE_DRY_RUN (or {@code run --dry-run}); an
     * {@link EoaChainSubmitter} for an EOA wallet (LIVE_SIGNATURE_TYPE 0, the signer is the funder) with
     * POLYGON_RPC_URL set; else {@link #manual()}.
     */
    static ChainSubmitter forRun(Vertx vertx, BotConfig config, BotClock clock, WalletKey key, String funder,
                                 boolean dryRun) {
        if (dryRun) {
            return dryRun();
        }
        BotConfig.Live live = config.live();
        if (live.sendsOnChain() && key.isAddress(funder)) {
            return EoaChainSubmitter.of(vertx, live, config.market().httpTimeoutMs(), key, clock);
        }
        return manual();
    }

    /** LIVE_DRY_RUN: logs the call data, sends nothing. */
    static ChainSubmitter dryRun() {
        return new ReportingChainSubmitter("DRY RUN, not sent");
    }

    /**
     * Live without an on-chain sender (no POLYGON_RPC_URL, or a proxy/Safe/deposit wallet that needs the relayer):
     * logs the call once so the operator redeems it (polymarket.com, or the logged call data from the funder
     * wallet); sends nothing.
     */
    static ChainSubmitter manual() {
        return new ReportingChainSubmitter("not sent (no on-chain sender: an EOA wallet with POLYGON_RPC_URL sends "
                + "it; otherwise redeem on polymarket.com or send this call)");
    }
}
