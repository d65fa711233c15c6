package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import updown.domain.Usd;

@DisplayName("Command parsing: /cmd@BotName, bounded /history N, /topup amounts")
class CommandParserTest {
    private static final Usd MAX = Usd.of("10000");

    @Test
    @DisplayName("a command addressed to this bot in a group works; one addressed to another bot is not ours")
    void botName() {
        assertThat(CommandParser.parse("/status@updown_test_bot", "updown_test_bot"))
                .contains(new CommandParser.Parsed("status", List.of()));
        assertThat(CommandParser.parse("/Status@UpDown_Test_Bot", "updown_test_bot")).isPresent();
        assertThat(CommandParser.parse("/status@other_bot", "updown_test_bot")).isEmpty();
        assertThat(CommandParser.parse("/status@anything", null)).isPresent();
    }

    @Test
    @DisplayName("arguments follow the command, separated by any whitespace")
    void args() {
        assertThat(CommandParser.parse("  /history   10 ", "b"))
                .contains(new CommandParser.Parsed("history", List.of("10")));
        assertThat(CommandParser.parse("/topup@b 25.50", "b"))
                .contains(new CommandParser.Parsed("topup", List.of("25.50")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "/", "", " ", "/ status", "/sta-tus", "/😀"})
    @DisplayName("text that is not a command is not parsed")
    void notCommands(String text) {
        assertThat(CommandParser.parse(text, "b")).isEmpty();
    }

    @Test
    @DisplayName("/history N is bounded to 1..50 and defaults to 10")
    void history() {
        assertThat(CommandParser.historyCount(List.of())).contains(10);
        assertThat(CommandParser.historyCount(List.of("1"))).contains(1);
        assertThat(CommandParser.historyCount(List.of("50"))).contains(50);
        for (String bad : List.of("0", "51", "-1", "abc", "1e3", "10.5", "999999999999", "")) {
            assertThat(CommandParser.historyCount(List.of(bad))).as(bad).isEmpty();
        }
        assertThat(CommandParser.historyCount(List.of("10", "20"))).isEmpty();
    }

    @Test
    @DisplayName("/topup takes positive dollars with at most two decimals up to TOPUP_MAX; no amount uses the default")
    void topUp() {
        assertThat(CommandParser.topUpAmount(List.of("100"), Usd.of("1000"), MAX)).contains(Usd.of("100"));
        assertThat(CommandParser.topUpAmount(List.of("$25.50"), Usd.of("1000"), MAX)).contains(Usd.of("25.5"));
        assertThat(CommandParser.topUpAmount(List.of("10000"), Usd.of("1000"), MAX)).contains(MAX);
        assertThat(CommandParser.topUpAmount(List.of(), Usd.of("1000"), MAX)).contains(Usd.of("1000"));
        for (String bad : List.of("0", "0.00", "-5", "10000.01", "1.234", "NaN", "1e3", "abc", "$", "1,000",
                "99999999999")) {
            assertThat(CommandParser.topUpAmount(List.of(bad), Usd.of("1000"), MAX)).as(bad).isEqualTo(Optional.empty());
        }
        assertThat(CommandParser.topUpAmount(List.of("1", "2"), Usd.of("1000"), MAX)).isEmpty();
    }
}
