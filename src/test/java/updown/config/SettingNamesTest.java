package updown.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Setting names: a mistyped one is matched to the setting it was meant to be")
class SettingNamesTest {
    private final SettingNames names = SettingNames.of(Path.of("/nonexistent"));

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "'', '', 0",
        "abc, abc, 0",
        "abc, '', 3",
        "BET_SIZ, BET_SIZE, 1",
        "EMA_FASTT, EMA_FAST, 1",
        "EMA_FSAT, EMA_FAST, 1",
        "MAX_ENRTY_PRICE, MAX_ENTRY_PRICE, 1",
        "kitten, sitting, 3",
        "CA, ABC, 3",
    })
    @DisplayName("the edit distance counts inserts, deletes, substitutions and swaps of neighbours as one each")
    void distance(String a, String b, int expected) {
        assertThat(EditDistance.between(a, b)).isEqualTo(expected);
        assertThat(EditDistance.between(b, a)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "BET_SIZ, BET_SIZE",
        "MAX_ENTRY_PRICES, MAX_ENTRY_PRICE",
        "EMA_FASTT, EMA_FAST",
        "bet_size, BET_SIZE",
        "MAX_ENRTY_PRICE, MAX_ENTRY_PRICE",
        "TELEGRAM_CHATID, TELEGRAM_CHAT_ID",
        "DASHBORD_TOKEN, DASHBOARD_TOKEN",
        "INITIAL_BALANCEE, INITIAL_BALANCE",
    })
    @DisplayName("a typo of a setting is matched to it")
    void typoIsMatched(String typo, String setting) {
        assertThat(names.closest(typo)).contains(setting);
        assertThat(names.notASetting(typo)).isEqualTo(typo + " is not a setting; did you mean " + setting + "?");
    }

    @Test
    @DisplayName("ordinary environment variables and settings themselves are never reported")
    void ordinaryNamesAreLeftAlone() {
        List<String> ordinary = List.of("PATH", "HOME", "USER", "SHELL", "LANG", "TERM", "PWD", "OLDPWD", "HOSTNAME",
                "LOGNAME", "JAVA_HOME", "JAVA_OPTS", "MAVEN_OPTS", "MAVEN_HOME", "TMPDIR", "TZ", "CI", "LC_ALL",
                "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "DOCKER_HOST", "XDG_RUNTIME_DIR", "SSH_AUTH_SOCK", "EDITOR",
                "DISPLAY", "GITHUB_ACTIONS", "RUNNER_OS", "LD_LIBRARY_PATH", "CLASSPATH", "JDK_JAVA_OPTIONS",
                "BET_SIZE", "DATA_DIR", "EMA_FAST");
        assertThat(names.environmentWarnings(ordinary)).isEmpty();
        assertThat(names.environmentWarnings(System.getenv().keySet())).isEmpty();
        assertThat(names.closest("COMPLETELY_DIFFERENT")).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("in .env every stray name is reported, with a suggestion when one is near; in the environment "
            + "only the near ones")
    void warnings() {
        assertThat(names.dotEnvWarnings(List.of("BET_SIZE", "BET_SIZ", "FAVOURITE_COLOUR"))).containsExactly(
                ".env: BET_SIZ is not a setting; did you mean BET_SIZE? (ignored)",
                ".env: FAVOURITE_COLOUR is not a setting (ignored)");
        assertThat(names.environmentWarnings(List.of("EMA_FASTT", "FAVOURITE_COLOUR", "PATH"))).containsExactly(
                "environment: EMA_FASTT is not a setting; did you mean EMA_FAST? (ignored)");
    }
}
