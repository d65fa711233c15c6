package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.Ratio;
import updown.domain.Usd;

@DisplayName("Message text: HTML escaping, splitting, money, percentages and KST times")
class HtmlAndFmtTest {

    @Test
    @DisplayName("a market title cannot open a tag or an entity")
    void escapesTitles() {
        assertThat(Html.escape("Bitcoin <Up> & \"Down\"")).isEqualTo("Bitcoin &lt;Up&gt; &amp; &quot;Down&quot;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    }

    @Test
    @DisplayName("the plain-text fallback removes tags and decodes entities")
    void plain() {
        assertThat(Html.toPlain("<b>P&amp;L</b> &lt;3 &quot;x&quot;")).isEqualTo("P&L <3 \"x\"");
    }

    @Test
    @DisplayName("long messages split between lines into parts of at most 4096 characters, nothing lost")
    void split() {
        String text = IntStream.range(0, 200).mapToObj(i -> "line " + i + " " + "x".repeat(40))
                .collect(Collectors.joining("\n"));
        List<String> parts = Html.split(text, Html.MAX_MESSAGE);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n", parts)).isEqualTo(text);
        assertThat(Html.split("short", 4096)).containsExactly("short");
        assertThat(Html.split("y".repeat(10), 4)).containsExactly("yyyy", "yyyy", "yy");
    }

    @Test
    @DisplayName("money reads as $12.50 / -$3.20, P&L carries its sign, amounts come from Usd.format")
    void money() {
        assertThat(Fmt.usd(Usd.of("12.5"))).isEqualTo("$12.50");
        assertThat(Fmt.usd(Usd.of("-3.2"))).isEqualTo("-$3.20");
        assertThat(Fmt.usd(Usd.of("0.123456"))).isEqualTo("$0.123456");
        assertThat(Fmt.signed(Usd.of("9.05"))).isEqualTo("+$9.05");
        assertThat(Fmt.signed(Usd.of("-10.17"))).isEqualTo("-$10.17");
        assertThat(Fmt.signed(Usd.ZERO)).isEqualTo("$0.00");
        assertThat(Fmt.usd(null)).isEqualTo("n/a");
    }

    @Test
    @DisplayName("ratios read as percentages with one decimal, rounded half-even")
    void percent() {
        assertThat(Fmt.pct(Ratio.of("0.583333"))).isEqualTo("58.3%");
        assertThat(Fmt.pct(Ratio.of("0.72"))).isEqualTo("72.0%");
        assertThat(Fmt.pct(Ratio.of("0.00125"))).isEqualTo("0.1%");
        assertThat(Fmt.pct(Ratio.ZERO)).isEqualTo("0.0%");
    }

    @Test
    @DisplayName("all times are shown in KST (UTC+9)")
    void kst() {
        Instant t = Instant.parse("2026-05-12T15:00:00Z");
        assertThat(Fmt.time(t)).isEqualTo("00:00:00 KST");
        assertThat(Fmt.dateTime(t)).isEqualTo("2026-05-13 00:00:00 KST");
        assertThat(Fmt.shortDateTime(t)).isEqualTo("05-13 00:00");
        assertThat(Fmt.side(Direction.BUY_DOWN)).isEqualTo("BUY DOWN");
    }
}
