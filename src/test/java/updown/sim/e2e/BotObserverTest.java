package updown.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.domain.Direction;
import updown.domain.Level;
import updown.domain.MarketEvent;
import updown.domain.PortfolioCommand;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;
import updown.testkit.Await;

/**
 * The end-to-end stale-book check must be able to fail: a stand-in trader that decides on whatever it is told
 * records a problem exactly when one of the market's books was stale (or never fresh) on its own event loop.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("the observer's stale-book check")
class BotObserverTest {
    static final String SLUG = "btc-updown-5m-1778544000";
    static final String UP = "111";
    static final String DOWN = "222";
    static final String DECIDE = "test.decide";
    static final Instant T = Instant.parse("2026-05-12T00:01:00Z");

    /** Applies nothing itself: on "decide" it asks the portfolio to record a trade, as the real trader does. */
    static final class StandInTrader extends VerticleBase {
        private final List<MessageConsumer<?>> consumers = new ArrayList<>();

        @Override
        public Future<?> start() {
            MessageConsumer<Object> events = vertx.eventBus().consumer(Addresses.MARKET_EVENTS, m -> { });
            MessageConsumer<Object> decide = vertx.eventBus().consumer(DECIDE, m -> {
                vertx.eventBus().send(Addresses.PORTFOLIO_OPEN_TRADE, new PortfolioCommand.OpenTrade(trade()));
                m.reply("sent");
            });
            consumers.add(events);
            consumers.add(decide);
            return Future.all(events.completion(), decide.completion());
        }
    }

    static Trade trade() {
        return new Trade(0, "m1", SLUG, Direction.BUY_UP, UP, Price.of("0.5"), null, null, Shares.of("20"), null,
                Usd.of("10"), Usd.of("0.35"), TradeStatus.OPEN, null, null, null, List.of("Directional"),
                Ratio.ZERO, T.plusSeconds(240), T, null, null);
    }

    static void publish(Vertx vertx, MarketEvent e) {
        vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
    }

    static MarketEvent.BookSnapshot book(String token) {
        return new MarketEvent.BookSnapshot(token, List.of(Level.of("0.49", "100")), List.of(Level.of("0.51", "100")),
                Price.of("0.01"), "h", T);
    }

    @Test
    @DisplayName("fresh books pass; a stale one, or one never declared fresh, is reported")
    void reportsStaleDecisions(Vertx vertx) {
        BotObserver observer = BotObserver.start(vertx, slug -> Optional.of(List.of(UP, DOWN)));
        try {
            Await.result(vertx.deployVerticle(new StandInTrader()));
            // the events and the "decide" reach the stand-in's event loop in the order sent from this thread
            publish(vertx, book(UP));
            publish(vertx, new MarketEvent.BookHealth(UP, false, "websocket snapshot", T));
            publish(vertx, book(DOWN));
            Await.result(vertx.eventBus().request(DECIDE, "go"));
            publish(vertx, new MarketEvent.BookHealth(DOWN, false, "websocket snapshot", T));
            Await.result(vertx.eventBus().request(DECIDE, "go"));
            publish(vertx, new MarketEvent.BookHealth(UP, true, "no book update for 31000 ms", T));
            Await.result(vertx.eventBus().request(DECIDE, "go"));

            List<BotObserver.Decision> decisions = observer.decisions();
            assertThat(decisions).hasSize(3);
            assertThat(decisions.get(0).problems()).singleElement().asString().contains(DOWN)
                    .contains("no health verdict");
            assertThat(decisions.get(1).problems()).isEmpty();
            assertThat(decisions.get(2).problems()).singleElement().asString().contains(UP).contains("stale");
        } finally {
            observer.close();
        }
    }
}
