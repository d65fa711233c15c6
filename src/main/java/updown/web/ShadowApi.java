package updown.web;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import updown.bus.Addresses;
import updown.engine.live.ShadowLedger;
import updown.engine.live.ShadowTrade;

/**
 * {@code GET /api/shadow}: live mode's paper-vs-live comparison per trade (fill price, fee, slippage, refusals), the
 * newest first, from the {@link Addresses#LIVE_SHADOW} publications kept in memory here. Empty in paper mode.
 */
final class ShadowApi {
    static final int ROWS = 20;
    private final ShadowLedger ledger = new ShadowLedger();
    private final MessageConsumer<Object> consumer;

    ShadowApi(EventBus bus) {
        consumer = bus.consumer(Addresses.LIVE_SHADOW, m -> {
            if (m.body() instanceof ShadowTrade t) {
                ledger.add(t);
            }
        });
    }

    Future<Void> ready() {
        return consumer.completion();
    }

    void mount(Router router) {
        router.get("/api/shadow").handler(ctx -> ctx.json(json(ledger)));
    }

    static JsonObject json(ShadowLedger ledger) {
        JsonArray rows = new JsonArray();
        for (ShadowTrade t : ledger.recent(ROWS)) {
            rows.add(new JsonObject().put("at", t.at().toString()).put("market", t.market())
                    .put("side", t.side().name()).put("paper", side(t.paper())).put("live", side(t.live()))
                    .put("slippage", t.slippageMicros() == null ? null
                            : updown.domain.Micros.format(t.slippageMicros(), 2))
                    .put("feeDifference", t.feeDifference() == null ? null : t.feeDifference().toString()));
        }
        return new JsonObject().put("trades", rows);
    }

    private static JsonObject side(ShadowTrade.Side s) {
        JsonObject o = new JsonObject().put("filled", s.filled());
        if (s.filled()) {
            o.put("price", s.price().toString()).put("shares", s.shares().toString())
                    .put("amount", s.amount().toString()).put("fee", s.fee().toString());
        } else {
            o.put("refusal", s.refusal());
        }
        return o;
    }
}
