package updown.web;

import io.vertx.core.json.JsonObject;
import updown.domain.Trade;

/** The dashboard's JSON of a trade (API and bridge), for tests outside the web package. */
public final class DashboardTrades {
    private DashboardTrades() {
    }

    public static JsonObject json(Trade t) {
        return DashboardJson.trade(t);
    }
}
