package updown.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * One codec for every message record: in-process sends pass the same immutable instance, no copy and no JSON.
 * Records are immutable, so sharing is safe. The bus is never clustered, so the wire methods are never used.
 */
public final class LocalRecordCodec implements MessageCodec<Object, Object> {
    public static final String NAME = "updown-local-record";

    /** Registers the codec and selects it for every record and enum sent on this bus. Idempotent per bus. */
    public static void register(EventBus bus) {
        try {
            bus.registerCodec(new LocalRecordCodec());
        } catch (IllegalStateException alreadyRegistered) {
            return;
        }
        bus.codecSelector(body -> body instanceof Record || body instanceof Enum<?> ? NAME : null);
    }

    @Override
    public void encodeToWire(Buffer buffer, Object o) {
        throw new UnsupportedOperationException("local-only codec: records never leave the JVM");
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("local-only codec: records never leave the JVM");
    }

    @Override
    public Object transform(Object o) {
        return o;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
