package updown.engine.live;

import io.vertx.core.Future;

/**
 * Sends one CTF call on chain from the funder wallet and answers its transaction id. Pluggable because how a call
 * reaches the chain depends on the wallet: an EOA signs and sends a transaction itself (pays POL gas); a Polymarket
 * proxy, Safe or deposit wallet needs Polymarket's relayer (gasless, Builder/Relayer API key). See docs/live.md,
 * "Redeem and merge". The bot ships {@link #dryRun()} and {@link #manual()}; tests use a recording fake.
 */
public interface ChainSubmitter {
    /** Submits {@code call}; the future's value is a transaction (or relayer task) id. */
    Future<String> submit(CtfCall call);

    /** Whether {@link #submit} really sends (false: it only reports). */
    boolean sends();

    /** What the bot uses: {@link #dryRun()} under LIVE_DRY_RUN (or {@code run --dry-run}), else {@link #manual()}. */
    static ChainSubmitter forRun(boolean dryRun) {
        return dryRun ? dryRun() : manual();
    }

    /** LIVE_DRY_RUN: logs the call data, sends nothing. */
    static ChainSubmitter dryRun() {
        return new ReportingChainSubmitter("DRY RUN, not sent");
    }

    /**
     * Live without an on-chain sender: logs the call once so the operator redeems it (polymarket.com, or the
     * logged call data from the funder wallet); sends nothing.
     */
    static ChainSubmitter manual() {
        return new ReportingChainSubmitter("not sent (no on-chain sender; redeem on polymarket.com or send this call)");
    }
}
