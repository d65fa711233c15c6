package updown.web;

import io.vertx.core.json.JsonObject;
import updown.engine.live.ShadowLedger;

/** Lets tests outside the web package read the dashboard's {@code /api/shadow} JSON for a ledger. */
public final class ShadowJsonProbe {
    private ShadowJsonProbe() {
    }

    public static JsonObject json(ShadowLedger ledger) {
        return ShadowApi.json(ledger);
    }
}
