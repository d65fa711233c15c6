package updown.metrics;

import io.vertx.core.Future;
import updown.domain.WalletBalance;
import updown.engine.Engine;
import updown.engine.Execution;
import updown.engine.Order;
import updown.engine.live.WalletSource;

/**
 * The engine as it is, with each rejection counted by its result code ({@code updown_order_rejections_total{code}}):
 * rejections never reach the bus, so they are counted where they come back. A live engine stays a
 * {@link WalletSource} (the bot deploys the wallet watcher for it).
 */
public class MeteredEngine implements Engine {
    private final Engine engine;
    private final UpDownMeters meters;

    MeteredEngine(Engine engine, UpDownMeters meters) {
        this.engine = engine;
        this.meters = meters;
    }

    public static Engine wrap(Engine engine, UpDownMeters meters) {
        return engine instanceof WalletSource ? new WithWallet(engine, meters) : new MeteredEngine(engine, meters);
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Future<Execution> execute(Order order) {
        return engine.execute(order).onSuccess(execution -> {
            if (execution instanceof Execution.Rejected rejected) {
                meters.rejected(rejected.code());
            }
        });
    }

    /** A metered engine that is also a wallet (the live engine). */
    static final class WithWallet extends MeteredEngine implements WalletSource {
        private final WalletSource wallet;

        WithWallet(Engine engine, UpDownMeters meters) {
            super(engine, meters);
            this.wallet = (WalletSource) engine;
        }

        @Override
        public Future<WalletBalance> walletBalance() {
            return wallet.walletBalance();
        }
    }
}
