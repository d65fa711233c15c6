package updown.engine;

import updown.domain.Fill;
import updown.domain.ResultCode;

/** What an engine did with an order: filled it, or rejected it for a stated reason (nothing was spent). */
public sealed interface Execution {

    record Filled(Fill fill) implements Execution {
    }

    record Rejected(ResultCode code, String reason) implements Execution {
    }

    static Execution rejected(ResultCode code, String reason) {
        return new Rejected(code, reason);
    }
}
