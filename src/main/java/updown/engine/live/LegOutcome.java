package updown.engine.live;

import updown.domain.ResultCode;

/** The end state of one order sent to the venue. */
sealed interface LegOutcome {
    /** The venue filled it (wholly for FOK, possibly partly for FAK). */
    record Filled(LegFill fill) implements LegOutcome {
    }

    /** The venue certainly did not fill it: nothing was spent. */
    record NotFilled(ResultCode code, String reason) implements LegOutcome {
    }

    /** Neither could be established (no answer, and reconciliation did not answer either). */
    record Unknown(String reason) implements LegOutcome {
    }
}
