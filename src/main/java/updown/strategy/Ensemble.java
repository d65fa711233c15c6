package updown.strategy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import updown.domain.Direction;
import updown.domain.MarketSnapshot;
import updown.domain.Micros;
import updown.domain.Ratio;
import updown.domain.Signal;

/**
 * Runs its members and trades only on agreement. Members that SKIP abstain; members that trade vote for their
 * direction. Votes on both BUY_UP and BUY_DOWN → SKIP (disagreement, whatever the counts); fewer than
 * {@code minVotes} votes on the one direction → SKIP. Otherwise the direction wins with confidence = the
 * weighted average of the agreeing members' confidences (weights fixed per member, equal by default: neither
 * member's confidence is better calibrated than the other's), rounded once; {@code sources} = the agreeing members'
 * names in member order. ARB votes are not counted (arbitrage is decided apart, see {@link Decider}).
 */
final class Ensemble implements Strategy {
    static final String NAME = "Ensemble";

    /** A member and its weight in the confidence average. */
    record Member(Strategy strategy, long weight) {
        Member {
            Objects.requireNonNull(strategy, "strategy");
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive, was " + weight);
            }
        }
    }

    private final List<Member> members;
    private final int minVotes;

    Ensemble(List<Member> members, int minVotes) {
        if (members.isEmpty() || minVotes < 1) {
            throw new IllegalArgumentException("an ensemble needs members and minVotes >= 1");
        }
        this.members = List.copyOf(members);
        this.minVotes = minVotes;
    }

    static Ensemble equalWeights(List<Strategy> strategies, int minVotes) {
        List<Member> members = new ArrayList<>(strategies.size());
        for (Strategy s : strategies) {
            members.add(new Member(s, 1));
        }
        return new Ensemble(members, minVotes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Signal evaluate(MarketSnapshot snapshot) {
        Signal[] signals = new Signal[members.size()];
        int up = 0;
        int down = 0;
        for (int i = 0; i < signals.length; i++) {
            Signal s = members.get(i).strategy().evaluate(snapshot);
            signals[i] = s;
            if (s.direction() == Direction.BUY_UP) {
                up++;
            } else if (s.direction() == Direction.BUY_DOWN) {
                down++;
            }
        }
        if (up > 0 && down > 0) {
            return Signal.skip(NAME, "disagreement: " + votes(signals));
        }
        int votes = Math.max(up, down);
        if (votes < minVotes) {
            return Signal.skip(NAME, votes + " of " + members.size() + " members agree, need " + minVotes + ": "
                    + votes(signals));
        }
        Direction direction = up > 0 ? Direction.BUY_UP : Direction.BUY_DOWN;
        BigInteger weighted = BigInteger.ZERO;
        long totalWeight = 0;
        List<String> sources = new ArrayList<>(votes);
        for (int i = 0; i < signals.length; i++) {
            if (signals[i].direction() == direction) {
                long w = members.get(i).weight();
                weighted = weighted.add(BigInteger.valueOf(signals[i].confidence().micros())
                        .multiply(BigInteger.valueOf(w)));
                totalWeight += w;
                sources.add(members.get(i).strategy().name());
            }
        }
        Ratio confidence = Ratio.ofMicros(new BigDecimal(weighted)
                .divide(BigDecimal.valueOf(totalWeight), 0, Micros.ROUNDING).longValueExact());
        return new Signal(direction, confidence, sources, votes(signals), null);
    }

    /** "Directional BUY_UP 0.84; OrderbookImbalance SKIP (imbalance 0.05 ...)" */
    private String votes(Signal[] signals) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < signals.length; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            Signal s = signals[i];
            sb.append(members.get(i).strategy().name()).append(' ').append(s.direction());
            if (s.isSkip()) {
                sb.append(" (").append(s.reason()).append(')');
            } else {
                sb.append(' ').append(s.confidence().format());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return NAME + "(" + members.size() + " members, min votes " + minVotes + ")";
    }
}
