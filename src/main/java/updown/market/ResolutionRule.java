package updown.market;

import java.time.Duration;
import java.util.List;
import updown.domain.Market;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Resolution;

/**
 * Who won, by the rule of API-FACTS §1. Gamma decides (closed AND outcome prices exactly one 1 and one 0); a second
 * source cross-checks it when available (CLOB {@code tokens[].winner} or the websocket {@code market_resolved}).
 * Disagreement, a 50/50 or prices like 0.9995 are "not yet" ({@link Resolution#UNKNOWN}), which never settles
 * anything. A missing cross-check is "not yet" too, but only for {@link #GAMMA_ALONE_AFTER}: a CLOB endpoint that is
 * down or a websocket event missed while the bot was down must not keep a trade open forever, so after that long
 * with Gamma's verdict unchanged and nobody disagreeing, Gamma alone settles it.
 */
final class ResolutionRule {
    /** The combined verdict; {@code source} names the agreeing signals, {@code conflict} says they disagreed. */
    record Verdict(Resolution winner, String source, boolean conflict) {
        static final Verdict NOT_YET = new Verdict(Resolution.UNKNOWN, "", false);
    }

    /** How long Gamma's decisive verdict waits for a cross-check before it settles on its own. */
    static final Duration GAMMA_ALONE_AFTER = Duration.ofMinutes(15);

    private ResolutionRule() {
    }

    static Resolution gamma(GammaMarket gm) {
        if (!gm.market().closed()) {
            return Resolution.UNKNOWN;
        }
        List<Price> p = gm.outcomePrices();
        if (p.size() != 2) {
            return Resolution.UNKNOWN;
        }
        long up = p.get(0).micros();
        long down = p.get(1).micros();
        if (up == Micros.ONE && down == 0) {
            return Resolution.UP;
        }
        if (up == 0 && down == Micros.ONE) {
            return Resolution.DOWN;
        }
        return Resolution.UNKNOWN;
    }

    /** CLOB market: exactly one token flagged winner, and it is one of this market's tokens. */
    static Resolution clob(ClobMarketInfo info, Market m) {
        if (info == null || !info.conditionId().equalsIgnoreCase(m.conditionId())) {
            return Resolution.UNKNOWN;
        }
        String winner = null;
        for (ClobMarketInfo.Token t : info.tokens()) {
            if (t.winner()) {
                if (winner != null) {
                    return Resolution.UNKNOWN;
                }
                winner = t.tokenId();
            }
        }
        return byToken(winner, m);
    }

    /** Websocket {@code market_resolved}: the winning asset id mapped onto this market's tokens. */
    static Resolution byToken(String winningTokenId, Market m) {
        if (winningTokenId == null) {
            return Resolution.UNKNOWN;
        }
        if (winningTokenId.equals(m.upTokenId())) {
            return Resolution.UP;
        }
        if (winningTokenId.equals(m.downTokenId())) {
            return Resolution.DOWN;
        }
        return Resolution.UNKNOWN;
    }

    static Verdict decide(Resolution gamma, Resolution clob, Resolution ws) {
        return decide(gamma, clob, ws, Duration.ZERO);
    }

    /**
     * @param gammaDecidedFor how long Gamma has shown this verdict (first seen by this process) without a
     *                        cross-check
     */
    static Verdict decide(Resolution gamma, Resolution clob, Resolution ws, Duration gammaDecidedFor) {
        if (!gamma.isKnown()) {
            return Verdict.NOT_YET;
        }
        boolean conflict = (clob.isKnown() && clob != gamma) || (ws.isKnown() && ws != gamma);
        if (conflict) {
            return new Verdict(Resolution.UNKNOWN, "", true);
        }
        if (clob == gamma) {
            return new Verdict(gamma, ws == gamma ? "gamma+clob+ws" : "gamma+clob", false);
        }
        if (ws == gamma) {
            return new Verdict(gamma, "gamma+ws", false);
        }
        if (gammaDecidedFor.compareTo(GAMMA_ALONE_AFTER) >= 0) {
            return new Verdict(gamma, "gamma alone (no cross-check in " + GAMMA_ALONE_AFTER.toMinutes() + " min)",
                    false);
        }
        return Verdict.NOT_YET;
    }
}
