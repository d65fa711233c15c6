package updown.portfolio;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import updown.bus.Addresses;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;

/**
 * What the trader reads from the portfolio every tick: the snapshot and the open trades. The bot asks over the bus
 * ({@link #overBus}); a replay whose trader and portfolio share one event loop reads the portfolio directly
 * ({@link PortfolioVerticle#reads()}): the same answers without a message, a reply registration and a timeout timer
 * per read (two per tick, most of the bus's share of a backtest).
 */
public interface PortfolioReads {

    /** As {@link PortfolioCommand.GetSnapshot} answers. */
    Future<PortfolioSnapshot> snapshot();

    /** As {@link PortfolioCommand.GetOpenTrades} answers. */
    Future<List<Trade>> openTrades();

    /** Requests on {@link Addresses#PORTFOLIO_QUERY}. */
    static PortfolioReads overBus(EventBus bus) {
        return new PortfolioReads() {
            @Override
            public Future<PortfolioSnapshot> snapshot() {
                return bus.request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot())
                        .map(m -> (PortfolioSnapshot) m.body());
            }

            @Override
            public Future<List<Trade>> openTrades() {
                return bus.request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetOpenTrades())
                        .map(m -> ((PortfolioCommand.OpenTrades) m.body()).trades());
            }
        };
    }
}
