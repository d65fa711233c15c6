package updown.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;

/**
 * The codec of a message record that crosses the cluster: on the wire a length-prefixed JSON object written and read
 * by Jackson, so any node (another JVM, a newer version with more fields) reads it; in-process the same immutable
 * instance is passed on. Fields a node does not know are ignored; a missing one is null/0, or, when the record
 * cannot do without it, the message is refused (its constructor says which field).
 */
public final class JsonRecordCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public JsonRecordCodec(Class<T> type) {
        this.type = type;
    }

    /** Makes this the codec of every {@code type} sent on {@code bus}; do the same on every node. */
    public static <T> void register(EventBus bus, Class<T> type) {
        bus.registerDefaultCodec(type, new JsonRecordCodec<>(type));
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(),
                    e);
        }
        buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        try {
            return json.readValue(buffer.getBytes(pos + 4, pos + 4 + length), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("a " + type.getSimpleName() + " from another node is not readable: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "updown-json-" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
