package updown.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import updown.config.TradingMode;
import updown.domain.ControlState;
import updown.domain.MarketKey;
import updown.domain.MarketPnl;
import updown.domain.MarketStatus;
import updown.domain.MarketsView;
import updown.domain.PortfolioCommand.EquityPoint;
import updown.domain.PortfolioSnapshot;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.domain.WalletCheck;
import updown.domain.Usd;
import updown.health.Freshness;
import updown.report.TradeView;

/**
 * The dashboard's JSON, built from the bus records: the REST API and the bridge messages share these shapes, so the
 * page renders both with one function. Money, prices and shares are decimal strings in the project's one format;
 * an absent value is JSON null, never "0.00" (0.00 is a real price).
 */
final class DashboardJson {
    private DashboardJson() {
    }

    static String money(Usd v) {
        return v == null ? null : v.format();
    }

    static String price(Price v) {
        return v == null ? null : v.format();
    }

    static String shares(Shares v) {
        return v == null ? null : v.format();
    }

    static String ratio(Ratio v) {
        return v == null ? null : v.format();
    }

    /** A BTC price in micro-dollars (price to beat, last close), as dollars. */
    static String usdMicros(Long micros) {
        return micros == null ? null : Usd.ofMicros(micros).format();
    }

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    /** A trade in the one trade view's keys and values (docs/trades.md); the sources as a JSON array. */
    static JsonObject trade(Trade t) {
        JsonObject j = new JsonObject(new LinkedHashMap<>(TradeView.of(t).fields()));
        return j.put("sources", new JsonArray(new ArrayList<>(t.sources())));
    }

    static JsonArray trades(List<Trade> trades) {
        JsonArray a = new JsonArray();
        trades.forEach(t -> a.add(trade(t)));
        return a;
    }

    static JsonObject trading(ControlState c) {
        JsonObject j = new JsonObject()
                .put("state", c == null ? null : lower(c.state()))
                .put("reason", c == null ? "" : c.reason());
        return Times.put(j, "since", c == null ? null : c.since());
    }

    static JsonObject snapshot(PortfolioSnapshot s) {
        JsonObject today = new JsonObject()
                .put("day", s.day() == null ? null : s.day().toString())
                .put("pnl", money(s.todayPnl()))
                .put("loss", money(s.todayLoss()))
                .put("trades", s.todayTrades());
        JsonObject j = new JsonObject()
                .put("balance", money(s.balance()))
                .put("equity", money(s.equity()))
                .put("peak", money(s.peak()))
                .put("drawdown", ratio(s.drawdown()))
                .put("realizedPnl", money(s.realizedPnl()))
                .put("totalFees", money(s.totalFees()))
                .put("topups", money(s.topups()))
                .put("wins", s.wins())
                .put("losses", s.losses())
                .put("winRate", ratio(s.winRate()))
                .put("openPositions", s.openPositions())
                .put("openExposure", money(s.openExposure()))
                .put("today", today)
                .put("trading", trading(s.control()));
        return Times.put(j, "at", s.at());
    }

    /** Feed freshness as the health rule sees it: the last heartbeat, judged at {@code now}. */
    static JsonObject feeds(TraderTicked last, Instant now, long maxAgeMs) {
        Freshness.Verdict v = Freshness.evaluate(last, now, maxAgeMs);
        JsonObject j = new JsonObject()
                .put("healthy", v.healthy())
                .put("tickFresh", v.tickFresh())
                .put("feedsFresh", v.feedsFresh())
                .put("maxAgeMs", maxAgeMs)
                .put("tickAgeMs", last == null ? null : Duration.between(last.at(), now).toMillis())
                .put("candlesFresh", last == null ? null : last.candlesFresh())
                .put("activeMarkets", last == null ? null : last.activeMarkets())
                .put("staleBooks", last == null ? null : last.staleBooks())
                .put("reasons", new JsonArray(new ArrayList<>(v.reasons())));
        return Times.put(j, "lastTickAt", last == null ? null : last.at());
    }

    /**
     * {@code commandsEnabled} tells the page whether a DASHBOARD_TOKEN is configured (so whether its command buttons
     * can work at all); the token itself never leaves the server.
     */
    static JsonObject status(TradingMode mode, boolean commandsEnabled, PortfolioSnapshot s, TraderTicked last,
                             WalletCheck wallet, Instant now, long maxAgeMs) {
        JsonObject j = new JsonObject()
                .put("mode", lower(mode))
                .put("commandsEnabled", commandsEnabled)
                .put("portfolio", snapshot(s))
                .put("feeds", feeds(last, now, maxAgeMs))
                .put("wallet", wallet == null ? null : wallet(wallet));
        return Times.put(j, "now", now);
    }

    /** A live wallet check: the wallet (the truth in live mode), what orders can spend, the ledger and the drift. */
    static JsonObject wallet(WalletCheck w) {
        JsonObject j = new JsonObject()
                .put("wallet", w.wallet().format())
                .put("spendable", w.spendable().format())
                .put("ledgerBalance", w.ledgerBalance().format())
                .put("drift", w.drift().format());
        return Times.put(j, "at", w.at());
    }

    /** Realised P&amp;L, record and open cost of each market series. */
    static JsonObject marketPnl(List<MarketPnl> markets) {
        JsonArray rows = new JsonArray();
        for (MarketPnl m : markets) {
            rows.add(new JsonObject()
                    .put("market", m.market())
                    .put("trades", m.trades())
                    .put("open", m.open())
                    .put("wins", m.wins())
                    .put("losses", m.losses())
                    .put("pnl", m.pnl().format())
                    .put("fees", m.fees().format())
                    .put("openCost", m.openCost().format()));
        }
        return new JsonObject().put("markets", rows);
    }

    static JsonObject market(MarketStatus m, Instant now) {
        JsonObject j = new JsonObject()
                .put("market", MarketKey.fromSlug(m.slug()).map(MarketKey::toString).orElse(null))
                .put("slug", m.slug())
                .put("question", m.question())
                .put("upBid", price(m.upBid()))
                .put("upAsk", price(m.upAsk()))
                .put("downBid", price(m.downBid()))
                .put("downAsk", price(m.downAsk()))
                .put("upStale", m.upStale())
                .put("downStale", m.downStale())
                .put("bookAgeMs", m.booksUpdatedAt() == null ? null
                        : Duration.between(m.booksUpdatedAt(), now).toMillis())
                .put("priceToBeat", usdMicros(m.priceToBeatMicros()))
                .put("lastDecision", m.lastDecision());
        Times.put(j, "windowStart", m.windowStart());
        Times.put(j, "windowEnd", m.windowEnd());
        Times.put(j, "booksUpdatedAt", m.booksUpdatedAt());
        return j;
    }

    static JsonObject markets(MarketsView v, TraderTicked last, Instant now, long maxAgeMs) {
        JsonArray list = new JsonArray();
        v.markets().forEach(m -> list.add(market(m, now)));
        JsonObject j = new JsonObject()
                .put("markets", list)
                .put("candlesFresh", v.candlesFresh())
                .put("lastBtcPrice", usdMicros(v.lastBtcPriceMicros()))
                .put("feeds", feeds(last, now, maxAgeMs));
        Times.put(j, "lastCandleAt", v.lastCandleAt());
        return Times.put(j, "at", v.at());
    }

    static JsonObject equity(List<EquityPoint> points) {
        JsonArray a = new JsonArray();
        for (EquityPoint p : points) {
            a.add(new JsonObject().put("at", Times.utc(p.at())).put("balance", money(p.balance())));
        }
        return new JsonObject().put("points", a).put("count", points.size());
    }
}
