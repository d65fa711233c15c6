package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import updown.testkit.Fixtures;

@DisplayName("Reading updates from the real getUpdates wire format (fixtures, parsed by telegrambots)")
class UpdateReaderTest {

    private static List<Update> updates(String fixture) throws Exception {
        return new GetUpdates().deserializeResponse(Fixtures.fixture("telegram/" + fixture));
    }

    @Test
    @DisplayName("a private command keeps chat, sender and text")
    void command() throws Exception {
        assertThat(UpdateReader.read(updates("getUpdates-command.assembled.json").get(0)))
                .contains(new Incoming.CommandMessage(123456789L, 123456789L, "testtrader", "/history 10"));
    }

    @Test
    @DisplayName("a group command addressed with @botname keeps the group's chat id")
    void groupCommand() throws Exception {
        Incoming in = UpdateReader.read(updates("getUpdates-command-with-botname-in-group.assembled.json").get(0))
                .orElseThrow();
        assertThat(in.chatId()).isEqualTo(-1001234567890L);
        assertThat(CommandParser.parse(((Incoming.CommandMessage) in).text(), "updown_test_bot")).isPresent();
    }

    @Test
    @DisplayName("a button press carries the callback id, data and the chat of the message it was under")
    void callback() throws Exception {
        assertThat(UpdateReader.read(updates("getUpdates-callback-query.assembled.json").get(0)))
                .contains(new Incoming.ButtonPress("4382bfdwdsb323b2d9", 123456789L, 123456789L, "testtrader",
                        "chart"));
    }

    @Test
    @DisplayName("plain chat and updates without a sender are ignored")
    void ignored() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Update plain = json.readValue("{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,"
                + "\"chat\":{\"id\":5,\"type\":\"private\"},\"from\":{\"id\":5,\"is_bot\":false,\"first_name\":\"a\"},"
                + "\"text\":\"hello\"}}", Update.class);
        Update noSender = json.readValue("{\"update_id\":2,\"message\":{\"message_id\":1,\"date\":1,"
                + "\"chat\":{\"id\":5,\"type\":\"channel\"},\"text\":\"/stop\"}}", Update.class);
        assertThat(UpdateReader.read(plain)).isEmpty();
        assertThat(UpdateReader.read(noSender)).isEmpty();
        assertThat(UpdateReader.read(null)).isEmpty();
        assertThat(updates("getUpdates-empty.json")).isEmpty();
    }
}
