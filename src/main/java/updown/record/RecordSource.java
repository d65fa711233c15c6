package updown.record;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of tape records, in order: a tape on disk, or records synthesized on the fly. Split so a replay can run on
 * an event loop without blocking it: {@link #poll()} never does I/O, {@link #fill()} may (call it on a worker).
 * Use it from one thread at a time.
 */
public interface RecordSource extends Closeable {

    /** The next record if it is available without I/O; null when the source must {@link #fill()} first or is done. */
    TapeRecord poll();

    /** True once {@link #poll()} will never return a record again. */
    boolean exhausted();

    /** Blocking: makes more records available (reads the disk). A no-op for sources that need no I/O. */
    void fill() throws IOException;

    /** Blocking convenience: the next record, or null at the end. */
    default TapeRecord next() throws IOException {
        while (true) {
            TapeRecord r = poll();
            if (r != null) {
                return r;
            }
            if (exhausted()) {
                return null;
            }
            fill();
        }
    }
}
