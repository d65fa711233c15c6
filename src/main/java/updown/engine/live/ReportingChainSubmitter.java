package updown.engine.live;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ChainSubmitter} that only logs each call (dry run, or a live run without an on-chain sender). */
final class ReportingChainSubmitter implements ChainSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportingChainSubmitter.class);
    private final String label;

    ReportingChainSubmitter(String label) {
        this.label = label;
    }

    @Override
    public Future<ChainReceipt> submit(CtfCall call) {
        LOG.warn("{}: {}", label, call.describe());
        return Future.succeededFuture(ChainReceipt.NOT_SENT);
    }

    @Override
    public boolean sends() {
        return false;
    }
}
