package updown.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.atomic.AtomicReference;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.domain.MarketsView;
import updown.domain.TraderTicked;

/** Answers the markets query with a settable view and publishes heartbeats when told to, like the TraderVerticle. */
final class FakeTrader extends VerticleBase {
    private final AtomicReference<MarketsView> view;

    FakeTrader(MarketsView initial) {
        this.view = new AtomicReference<>(initial);
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        return vertx.eventBus().consumer(Addresses.TRADER_MARKETS, m -> m.reply(view.get())).completion();
    }

    void view(MarketsView v) {
        view.set(v);
    }

    void tick(TraderTicked tick) {
        vertx.eventBus().publish(Addresses.TRADER_TICKED, tick);
    }
}
