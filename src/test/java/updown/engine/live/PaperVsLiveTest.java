package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.Order;
import updown.engine.PaperEngine;
import updown.testkit.Await;
import updown.testkit.LiveOnFake;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;
import updown.time.VirtualClock;

/**
 * Paper → live touches only the engine: the same orders, decided on the same books, give the same trades whether the
 * paper engine simulates the fill or the live engine sends it to a CLOB that matches against those books.
 */
@DisplayName("Paper vs live: the same signals on the same books make the same trades")
class PaperVsLiveTest {
    private static Vertx vertx;
    private static LiveOnFake live;
    private static final BotConfig CONFIG = TestConfig.defaults();
    private static final PaperEngine PAPER = PaperEngine.fromConfig(CONFIG);
    private static final Market MARKET = TradingFixtures.market();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        live = Await.result(LiveOnFake.start(vertx, new VirtualClock(Instant.parse("2026-05-12T11:12:00Z")),
                Map.of("LIVE_MAX_ORDER_USD", "100000", "LIVE_MAX_DAILY_USD", "1000000")));
    }

    @AfterAll
    static void stop() {
        Await.result(live.stop());
        Await.result(vertx.close());
    }

    private static OrderBook up() {
        return TradingFixtures.upBook(TradingFixtures.levels("0.44:500"),
                TradingFixtures.levels("0.45:20", "0.46:30", "0.48:500"));
    }

    private static OrderBook down() {
        return TradingFixtures.downBook(TradingFixtures.levels("0.49:500"),
                TradingFixtures.levels("0.50:25", "0.51:40", "0.53:500"));
    }

    @ParameterizedTest(name = "{0} ${1}")
    @CsvSource({"BUY_UP, 5", "BUY_UP, 10", "BUY_UP, 37.5", "BUY_DOWN, 12", "BUY_DOWN, 50", "ARB, 10", "ARB, 18"})
    @DisplayName("a directional or arbitrage order fills at the same prices, shares, amount and fee")
    void sameTrade(Direction side, String amount) {
        OrderBook up = up();
        OrderBook down = down();
        Signal signal = side == Direction.ARB
                ? new Signal(Direction.ARB, Ratio.ONE, List.of("Arbitrage"), "same", down.asks().get(0).price())
                : Signal.of(side, Ratio.of("0.8"), "Directional", "same");
        Order order = new Order(MARKET, side, Usd.of(amount), Price.of("0.70"), up, down, Usd.of("1000"), signal);
        live.fake().wallet(Usd.of("1000"), Usd.of("1000"));

        Fill paper = ((Execution.Filled) PAPER.fill(order)).fill();
        Execution liveExec = Await.result(live.execute(order));
        assertThat(liveExec).as("live execution").isInstanceOf(Execution.Filled.class);
        Fill real = ((Execution.Filled) liveExec).fill();

        Instant at = Instant.parse("2026-05-12T11:12:30Z");
        Trade paperTrade = Trade.open(MARKET, paper, signal, at);
        Trade liveTrade = Trade.open(MARKET, real, signal, at);
        assertThat(liveTrade.side()).isEqualTo(paperTrade.side());
        assertThat(liveTrade.tokenId()).isEqualTo(paperTrade.tokenId());
        assertThat(liveTrade.altTokenId()).isEqualTo(paperTrade.altTokenId());
        // same prices and fees; the venue sizes orders in 10^-4 share lots, so the live shares (and the cash they
        // cost) may fall short of the paper ones by less than 0.0001
        assertThat(liveTrade.price()).as("price").isEqualTo(paperTrade.price());
        assertThat(liveTrade.fee()).as("fee").isEqualTo(paperTrade.fee());
        assertThat(paperTrade.amount().minus(liveTrade.amount()).micros()).as("amount").isBetween(0L, 100L);
        assertThat(paperTrade.shares().minus(liveTrade.shares()).micros()).as("shares").isBetween(0L, 100L);
        if (side == Direction.ARB) {
            assertThat(liveTrade.altPrice()).as("alt price").isEqualTo(paperTrade.altPrice());
            assertThat(paperTrade.altShares().minus(liveTrade.altShares()).micros()).as("alt shares")
                    .isBetween(0L, 100L);
        } else {
            assertThat(liveTrade.altPrice()).isNull();
        }
    }
}
