package updown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.downBook;
import static updown.testkit.TradingFixtures.levels;
import static updown.testkit.TradingFixtures.upBook;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Signal;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;

@DisplayName("Paper engine: simulated taker fills, fee on top, no partial debit")
class PaperEngineTest {
    private static final Price LIMIT = Price.of("0.80");
    private final PaperEngine engine = PaperEngine.fromConfig(TestConfig.defaults());
    private final Market market = TradingFixtures.market();

    private Order order(Direction side, String amount, OrderBook up, OrderBook down, String available) {
        Signal signal = side == Direction.ARB
                ? new Signal(Direction.ARB, Ratio.ONE, List.of("Arbitrage"), "test", down.asks().get(0).price())
                : Signal.of(side, Ratio.of("0.8"), "Directional", "test");
        return new Order(market, side, Usd.of(amount), LIMIT, up, down, Usd.of(available), signal);
    }

    private static Fill filled(Execution e) {
        assertThat(e).isInstanceOf(Execution.Filled.class);
        return ((Execution.Filled) e).fill();
    }

    private static Execution.Rejected rejected(Execution e) {
        assertThat(e).isInstanceOf(Execution.Rejected.class);
        return (Execution.Rejected) e;
    }

    @Test
    @DisplayName("BUY_UP for $10 on the real Up book fills at the VWAP 0.276982 and pays the per-level fee 0.505708")
    void buyUpOnTheRealBook() {
        Fill fill = filled(engine.fill(order(Direction.BUY_UP, "10", TradingFixtures.realUpBook(),
                TradingFixtures.realDownBook(), "1000")));
        assertThat(fill.side()).isEqualTo(Direction.BUY_UP);
        assertThat(fill.tokenId()).isEqualTo(TradingFixtures.UP_TOKEN);
        assertThat(fill.price()).isEqualTo(Price.of("0.276982"));
        assertThat(fill.shares()).isEqualTo(Shares.of("36.103448"));
        assertThat(fill.amount()).isEqualTo(Usd.of("10"));
        assertThat(fill.fee()).isEqualTo(Usd.of("0.505708"));
        assertThat(fill.totalCost()).isEqualTo(Usd.of("10.505708"));
        assertThat(fill.externalId()).isNull();
    }

    @Test
    @DisplayName("BUY_DOWN for $30 walks the Down book across 0.76 and 0.77 (shares = amount / VWAP)")
    void buyDownAcrossLevels() {
        Fill fill = filled(engine.fill(order(Direction.BUY_DOWN, "30", TradingFixtures.realUpBook(),
                TradingFixtures.realDownBook(), "1000")));
        assertThat(fill.tokenId()).isEqualTo(TradingFixtures.DOWN_TOKEN);
        assertThat(fill.shares()).isEqualTo(Shares.of("39.285714"));
        assertThat(fill.price()).isEqualTo(Price.of("0.763636"));
        assertThat(fill.amount()).isEqualTo(Usd.of("30"));
        assertThat(fill.fee()).isEqualTo(Usd.of("0.4963"));
    }

    @Test
    @DisplayName("a balance exactly equal to amount + fee is enough; one cent or one micro less is refused")
    void balanceBoundary() {
        OrderBook up = upBook(List.of(), levels("0.50:100"));
        OrderBook down = downBook(List.of(), levels("0.51:100"));
        // $10 at 0.50 = 20 shares; fee = 20 × 0.07 × 0.25 = 0.35
        Fill fill = filled(engine.fill(order(Direction.BUY_UP, "10", up, down, "10.35")));
        assertThat(fill.totalCost()).isEqualTo(Usd.of("10.35"));
        Execution.Rejected cent = rejected(engine.fill(order(Direction.BUY_UP, "10", up, down, "10.34")));
        assertThat(cent.code()).isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
        assertThat(cent.reason()).contains("needs 10.35").contains("fee 0.35").contains("available 10.34");
        assertThat(rejected(engine.fill(order(Direction.BUY_UP, "10", up, down, "10.349999"))).code())
                .isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
    }

    @Test
    @DisplayName("an order below the venue minimum of 5 shares is rejected with the reason")
    void belowMinimum() {
        OrderBook up = upBook(List.of(), levels("0.50:100"));
        Execution.Rejected r = rejected(engine.fill(order(Direction.BUY_UP, "2", up, up, "1000")));
        assertThat(r.code()).isEqualTo(ResultCode.BELOW_MIN_ORDER_SIZE);
        assertThat(r.reason()).startsWith("Up: ").contains("4.00 shares").contains("minimum of 5");
    }

    @Test
    @DisplayName("partial depth fills what the book holds and charges the fee on that only")
    void partialDepth() {
        OrderBook up = upBook(List.of(), levels("0.50:10", "0.95:1000"));
        Fill fill = filled(engine.fill(order(Direction.BUY_UP, "10", up, up, "1000")));
        assertThat(fill.shares()).isEqualTo(Shares.of("10"));
        assertThat(fill.amount()).isEqualTo(Usd.of("5"));
        assertThat(fill.fee()).isEqualTo(Usd.of("0.175"));
    }

    @Test
    @DisplayName("a best ask above the limit is rejected PRICE_ABOVE_LIMIT, an empty book NO_LIQUIDITY")
    void limitAndLiquidity() {
        OrderBook dear = upBook(List.of(), levels("0.85:100"));
        assertThat(rejected(engine.fill(order(Direction.BUY_UP, "10", dear, dear, "1000"))).code())
                .isEqualTo(ResultCode.PRICE_ABOVE_LIMIT);
        OrderBook empty = OrderBook.empty(TradingFixtures.UP_TOKEN, TradingFixtures.BOOK_TIME);
        assertThat(rejected(engine.fill(order(Direction.BUY_UP, "10", empty, empty, "1000"))).code())
                .isEqualTo(ResultCode.NO_LIQUIDITY);
    }

    @Test
    @DisplayName("ARB puts half on each side: up_shares = half / up_price, down_shares = half / down_price")
    void arbitrageHalfPerSide() {
        OrderBook up = upBook(List.of(), levels("0.45:100"));
        OrderBook down = downBook(List.of(), levels("0.50:100"));
        Fill fill = filled(engine.fill(order(Direction.ARB, "20", up, down, "1000")));
        assertThat(fill.side()).isEqualTo(Direction.ARB);
        assertThat(fill.tokenId()).isEqualTo(TradingFixtures.UP_TOKEN);
        assertThat(fill.price()).isEqualTo(Price.of("0.45"));
        assertThat(fill.shares()).isEqualTo(Shares.of("22.222222"));
        assertThat(fill.altTokenId()).isEqualTo(TradingFixtures.DOWN_TOKEN);
        assertThat(fill.altPrice()).isEqualTo(Price.of("0.50"));
        assertThat(fill.altShares()).isEqualTo(Shares.of("20"));
        assertThat(fill.amount()).isEqualTo(Usd.of("20"));
        assertThat(fill.fee()).isEqualTo(Usd.of("0.735"));
    }

    @Test
    @DisplayName("the Down VWAP, not 1 − up price, travels as the alt price")
    void altPriceIsTheDownVwap() {
        OrderBook up = upBook(List.of(), levels("0.40:100"));
        OrderBook down = downBook(List.of(), levels("0.52:10", "0.54:100"));
        Fill fill = filled(engine.fill(order(Direction.ARB, "20", up, down, "1000")));
        // Down: 10 @ 0.52 = 5.20, then 4.80 / 0.54 = 8.888888 shares → VWAP 10 / 18.888888
        assertThat(fill.altShares()).isEqualTo(Shares.of("18.888888"));
        assertThat(fill.altPrice()).isEqualTo(Price.of("0.529412"));
        assertThat(fill.altPrice()).isNotEqualTo(fill.price().complement());
    }

    @Test
    @DisplayName("a directional fill has no alt price (null), an ARB fill always has one, and a trade keeps both (seed bug 4)")
    void altPricePresence() {
        OrderBook up = upBook(List.of(), levels("0.45:100"));
        OrderBook down = downBook(List.of(), levels("0.50:100"));
        Fill directional = filled(engine.fill(order(Direction.BUY_UP, "10", up, down, "1000")));
        assertThat(directional.altPrice()).isNull();
        assertThat(directional.altShares()).isNull();
        Order arbOrder = order(Direction.ARB, "20", up, down, "1000");
        Fill arb = filled(engine.fill(arbOrder));
        Trade trade = Trade.open(market, arb, arbOrder.signal(), TradingFixtures.BOOK_TIME);
        assertThat(trade.altPrice()).isNotNull().isEqualTo(Price.of("0.50"));
        assertThat(Trade.open(market, directional, arbOrder.signal(), TradingFixtures.BOOK_TIME).altPrice()).isNull();
    }

    @Test
    @DisplayName("seed bug 4: a fill whose alt price is exactly 0.0 opens a trade with alt price 0.0, not an absent one")
    void altPriceOfExactlyZeroTravelsAsAPrice() {
        Fill zeroDown = new Fill(Direction.ARB, TradingFixtures.UP_TOKEN, Price.of("0.50"), Shares.of("10"),
                TradingFixtures.DOWN_TOKEN, Price.ZERO, Shares.of("7"), Usd.of("5"), Usd.ZERO, null);
        Signal arb = new Signal(Direction.ARB, Ratio.ONE, List.of("arbitrage"), "test", Price.ZERO);
        Trade trade = Trade.open(market, zeroDown, arb, TradingFixtures.BOOK_TIME);
        assertThat(trade.altPrice()).isNotNull().isEqualTo(Price.ZERO);
        assertThat(trade.altShares()).isEqualTo(Shares.of("7"));
        assertThat(trade.settled(Resolution.DOWN, Usd.of("7"), TradingFixtures.BOOK_TIME).altPrice())
                .isEqualTo(Price.ZERO);
    }

    @Test
    @DisplayName("if either ARB leg cannot fill its whole half, nothing is bought")
    void arbitrageNeedsBothLegsWhole() {
        OrderBook up = upBook(List.of(), levels("0.45:100"));
        OrderBook thinDown = downBook(List.of(), levels("0.50:10"));
        Execution.Rejected r = rejected(engine.fill(order(Direction.ARB, "20", up, thinDown, "1000")));
        assertThat(r.code()).isEqualTo(ResultCode.NO_LIQUIDITY);
        assertThat(r.reason()).startsWith("ARB Down leg").contains("only 5.00 of the 10.00");
        OrderBook noUp = upBook(List.of(), List.of());
        assertThat(rejected(engine.fill(order(Direction.ARB, "20", noUp, thinDown, "1000"))).reason())
                .startsWith("ARB Up leg");
    }

    @Test
    @DisplayName("ARB legs below the venue minimum are rejected BELOW_MIN_ORDER_SIZE")
    void arbitrageBelowMinimum() {
        OrderBook up = upBook(List.of(), levels("0.45:100"));
        OrderBook down = downBook(List.of(), levels("0.50:100"));
        assertThat(rejected(engine.fill(order(Direction.ARB, "4", up, down, "1000"))).code())
                .isEqualTo(ResultCode.BELOW_MIN_ORDER_SIZE);
    }

    @Test
    @DisplayName("ARB is refused INSUFFICIENT_BALANCE when both legs plus fee exceed the balance")
    void arbitrageBalance() {
        OrderBook up = upBook(List.of(), levels("0.45:100"));
        OrderBook down = downBook(List.of(), levels("0.50:100"));
        assertThat(filled(engine.fill(order(Direction.ARB, "20", up, down, "20.735"))).totalCost())
                .isEqualTo(Usd.of("20.735"));
        assertThat(rejected(engine.fill(order(Direction.ARB, "20", up, down, "20.73"))).code())
                .isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
    }

    @Test
    @DisplayName("books priced at zero are rejected, never divided by (seed bug 5)")
    void zeroPrices() {
        OrderBook zeroUp = upBook(List.of(), levels("0.00:100"));
        OrderBook zeroDown = downBook(List.of(), levels("0.00:100"));
        OrderBook fineUp = upBook(List.of(), levels("0.45:100"));
        assertThat(rejected(engine.fill(order(Direction.BUY_UP, "10", zeroUp, zeroDown, "1000"))).code())
                .isEqualTo(ResultCode.NO_LIQUIDITY);
        Execution.Rejected arb = rejected(engine.fill(new Order(market, Direction.ARB, Usd.of("20"), LIMIT, fineUp,
                zeroDown, Usd.of("1000"), Signal.of(Direction.ARB, Ratio.ONE, "Arbitrage", "test"))));
        assertThat(arb.reason()).startsWith("ARB Down leg");
    }

    @Test
    @DisplayName("a SKIP or a zero amount is not an order")
    void notOrders() {
        OrderBook up = upBook(List.of(), levels("0.45:100"));
        assertThat(rejected(engine.fill(new Order(market, Direction.SKIP, Usd.of("10"), LIMIT, up, up,
                Usd.of("1000"), Signal.skip("x", "y")))).code()).isEqualTo(ResultCode.INVALID_INPUT);
        assertThat(rejected(engine.fill(order(Direction.BUY_UP, "0", up, up, "1000"))).code())
                .isEqualTo(ResultCode.INVALID_INPUT);
    }

    @Test
    @DisplayName("a flat fee model charges FEE_PCT of the amount (the seed's 1%)")
    void flatFee() {
        PaperEngine flat = PaperEngine.fromConfig(TestConfig.with(Map.of("FEE_MODEL", "flat")));
        OrderBook up = upBook(List.of(), levels("0.50:100"));
        assertThat(filled(flat.fill(order(Direction.BUY_UP, "10", up, up, "1000"))).fee()).isEqualTo(Usd.of("0.10"));
        assertThat(flat.feeModel().name()).isEqualTo("flat");
        assertThat(flat.fillModel().name()).isEqualTo("book");
    }

    @Test
    @DisplayName("execute returns a succeeded future carrying the same result as fill, refusals included")
    void executeWrapsFill() {
        OrderBook up = upBook(List.of(), levels("0.50:100"));
        Order ok = order(Direction.BUY_UP, "10", up, up, "1000");
        Order broke = order(Direction.BUY_UP, "10", up, up, "1");
        assertThat(engine.execute(ok).succeeded()).isTrue();
        assertThat(engine.execute(ok).result()).isEqualTo(engine.fill(ok));
        assertThat(engine.execute(broke).succeeded()).isTrue();
        assertThat(engine.execute(broke).result()).isInstanceOf(Execution.Rejected.class);
        assertThat(engine.name()).isEqualTo("paper");
    }
}
