package updown.bus;

/**
 * Every event-bus address, named by owner and kind. Nothing else in the code base spells an address.
 * {@code dashboard.*} addresses are the only ones the browser bridge lets out; nothing comes in over the bridge.
 */
public final class Addresses {
    private Addresses() {
    }

    // market data (owner: market/ and feed/), one ordered stream of MarketEvent records
    public static final String MARKET_EVENTS = "market.events";
    /** Ask the scanner to look up markets by slug now (e.g. those holding open trades after a restart). */
    public static final String MARKET_LOOKUP = "market.cmd.lookup";
    /** Ask the book feed which tokens to follow (the trader's active markets). */
    public static final String MARKET_WATCH = "market.cmd.watch";
    /**
     * Internal to market/: the book feed tells the scanner about a websocket {@code market_resolved} event, one of
     * the two cross-checks of a resolution. Body: {@code updown.market.ClobResolutionSeen}.
     */
    public static final String MARKET_CLOB_RESOLVED = "market.internal.clob-resolved";
    /**
     * Internal to market/ and feed/: the scanner tells the price-to-beat keeper which windows to price and by which
     * rule (the market's resolutionSource). Body: {@code updown.feed.ReferenceWindow}.
     */
    public static final String MARKET_REFERENCE_WINDOWS = "market.internal.reference-windows";

    // trader (owner: strategy/TraderVerticle)
    public static final String TRADER_TICKED = "trader.ticked";
    /** Run one tick now and reply its {@code TraderTicked} (backtests and tests drive time with it). */
    public static final String TRADER_TICK = "trader.cmd.tick";
    public static final String TRADER_MARKETS = "trader.query.markets";
    /**
     * The trader's input in the order it used it (published only when recording): every {@code MarketEvent} it folded
     * into its view, and after each tick that tick's {@code TraderTicked}. The recorder writes this stream to the tape,
     * so a replay gives the trader exactly what it had at every tick.
     */
    public static final String TRADER_TAPE = "trader.tape";

    // portfolio commands (request/reply; owner: portfolio/PortfolioVerticle)
    public static final String PORTFOLIO_OPEN_TRADE = "portfolio.cmd.open-trade";
    public static final String PORTFOLIO_SETTLE = "portfolio.cmd.settle";
    /** Live: a fill the venue reported FAILED on chain is reversed in the ledger (PortfolioCommand.ReverseFill). */
    public static final String PORTFOLIO_REVERSE = "portfolio.cmd.reverse";
    public static final String PORTFOLIO_TOPUP = "portfolio.cmd.topup";
    /** Live: a redeem or merge done on chain gets its ledger entry (PortfolioCommand.BookChainMove). */
    public static final String PORTFOLIO_CHAIN_MOVE = "portfolio.cmd.chain-move";
    public static final String PORTFOLIO_STOP = "portfolio.cmd.stop";
    public static final String PORTFOLIO_RESUME = "portfolio.cmd.resume";
    public static final String PORTFOLIO_CLOSE_DAY = "portfolio.cmd.close-day";
    /** Read-only queries (GetSnapshot, ListTrades, GetOpenTrades, GetEquity, GetDailySnapshots, CheckStorage). */
    public static final String PORTFOLIO_QUERY = "portfolio.query";

    // portfolio events (publish; after the change is stored)
    public static final String TRADE_EXECUTED = "trade.executed";
    public static final String TRADE_SETTLED = "trade.settled";
    public static final String PORTFOLIO_SNAPSHOT = "portfolio.snapshot";
    public static final String BREAKER_TRIPPED = "breaker.tripped";
    public static final String TRADING_STATE_CHANGED = "trading.state-changed";
    public static final String PORTFOLIO_TOPPED_UP = "portfolio.topped-up";
    public static final String PORTFOLIO_DAY_CLOSED = "portfolio.day-closed";

    // live wallet (owner: engine/live/LiveWalletVerticle), publish of domain.WalletBalance on each successful check
    public static final String LIVE_WALLET = "live.wallet";
    // owner: engine/live/LiveEngine, publish of engine.live.ShadowTrade (paper vs live on one decision; never booked)
    public static final String LIVE_SHADOW = "live.shadow";
    // owner: portfolio/PortfolioVerticle, publish of domain.WalletCheck (the reading held against the ledger, drift)
    public static final String PORTFOLIO_WALLET = "portfolio.wallet";

    // fleet (owner: fleet/FleetVerticle, only with --cluster). Two buses: the bot's own bus is never clustered, so
    // nothing of a node's trading leaves it; the fleet bus (a clustered Vert.x next to it) carries only the three
    // FLEET_* cluster addresses, with the JSON codec (JsonRecordCodec), between the nodes.
    /** Bot bus, request: the fleet as this node sees it (FleetView). */
    public static final String FLEET_QUERY = "fleet.query";
    /** Bot bus, request: stop or resume every node (a FleetCommand); answers how many nodes are alive. */
    public static final String FLEET_COMMAND = "fleet.cmd";
    /** Fleet bus, publish: each node's NodeStatus, every heartbeat and after each change. */
    public static final String FLEET_STATUS = "fleet.status";
    /** Fleet bus, publish: each trade a node opened or settled (FleetTrade). */
    public static final String FLEET_TRADE = "fleet.trade";
    /** Fleet bus, publish: a FleetCommand every node carries out on its own portfolio. */
    public static final String FLEET_CONTROL = "fleet.control";

    // browser-visible (JSON only), published by the dashboard verticle
    public static final String DASHBOARD_PREFIX = "dashboard.";
    public static final String DASHBOARD_SNAPSHOT = "dashboard.snapshot";
    public static final String DASHBOARD_TRADE = "dashboard.trade";
    public static final String DASHBOARD_MARKETS = "dashboard.markets";
    public static final String DASHBOARD_WALLET = "dashboard.wallet";
}
