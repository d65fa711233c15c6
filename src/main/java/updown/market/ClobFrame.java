package updown.market;

import java.util.List;
import updown.net.ParseError;

/** The events of one websocket frame (one object or an array) and the elements that could not be read. */
public record ClobFrame(List<ClobWsEvent> events, List<ParseError> skipped) {
    public ClobFrame {
        events = List.copyOf(events);
        skipped = List.copyOf(skipped);
    }
}
