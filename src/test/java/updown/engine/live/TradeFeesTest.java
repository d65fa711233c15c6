package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.FeeSchedule;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.testkit.Fixtures;

/**
 * The fee booked is what the venue charged, one fixture per case (fixtures/clob/trades/, shapes from clob-client-v2
 * {@code Trade}/{@code MakerOrder}). Expected numbers are worked by hand: shares × bps/10⁴ × p(1−p), in pUSD.
 */
class TradeFeesTest {
    private static final String UP = "52114319501245915516055106046884209969926127482827954674443846427813813222426";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optional<TradeSum> read(String fixture) throws Exception {
        VenueTrade trade = ClobWire.trade(JSON.readTree(Fixtures.fixture("clob/trades/" + fixture)));
        return TradeSum.of(List.of(trade), UP, FeeSchedule.CRYPTO_5M);
    }

    @Test
    @DisplayName("a taker BUY of 100 shares at 0.50 charged 700 bps costs $50 plus a $1.75 pUSD fee")
    void takerAt700Bps() throws Exception {
        TradeSum sum = read("taker-buy-700bps.assembled.json").orElseThrow();
        assertThat(sum.shares()).isEqualTo(Shares.ofWhole(100));
        assertThat(sum.spent()).isEqualTo(Usd.of("50"));
        assertThat(sum.fee()).isEqualTo(Usd.of("1.75"));
    }

    @Test
    @DisplayName("a mint match prices the complementary maker at 1 − p and charges each fill: 0.17472 + 0.34986")
    void mintMatch() throws Exception {
        TradeSum sum = read("taker-buy-mint-match-700bps.assembled.json").orElseThrow();
        assertThat(sum.shares()).isEqualTo(Shares.ofWhole(30));
        assertThat(sum.spent()).isEqualTo(Usd.of("15.40"));
        assertThat(sum.fee()).isEqualTo(Usd.of("0.52458"));
    }

    @Test
    @DisplayName("a trade the venue charged 0 bps books no fee even on a fee-bearing market")
    void feeFree() throws Exception {
        TradeSum sum = read("fee-free-market.assembled.json").orElseThrow();
        assertThat(sum.spent()).isEqualTo(Usd.of("50"));
        assertThat(sum.fee()).isEqualTo(Usd.ZERO);
    }

    @Test
    @DisplayName("a trade without fee_rate_bps is charged at the market's schedule (0.07): $1.75")
    void noRateField() throws Exception {
        assertThat(read("no-fee-rate-field.assembled.json").orElseThrow().fee()).isEqualTo(Usd.of("1.75"));
    }

    @Test
    @DisplayName("a trade in which we were the maker is not read as a taker fill")
    void makerSide() throws Exception {
        assertThat(read("we-were-maker.assembled.json")).isEmpty();
    }
}
