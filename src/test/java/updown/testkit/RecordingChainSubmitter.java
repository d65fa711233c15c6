package updown.testkit;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import updown.engine.live.ChainReceipt;
import updown.engine.live.ChainSubmitter;
import updown.engine.live.CtfCall;

/** A fake chain: records every call it is given and answers a made-up transaction id (0x01, 0x02, …). */
public final class RecordingChainSubmitter implements ChainSubmitter {
    private final List<CtfCall> calls = new ArrayList<>();

    @Override
    public synchronized Future<ChainReceipt> submit(CtfCall call) {
        calls.add(call);
        return Future.succeededFuture(new ChainReceipt(String.format("0x%064x", calls.size()),
                java.math.BigInteger.ZERO));
    }

    @Override
    public boolean sends() {
        return true;
    }

    public synchronized List<CtfCall> calls() {
        return List.copyOf(calls);
    }
}
