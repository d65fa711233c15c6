package updown.record;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to a tape directory (format: {@link TapeFormat}): a new segment at the first record, at every UTC
 * midnight (by the records' times) and after a write error. Blocking: use it from one worker at a time, never on an
 * event loop. Records are encoded into memory and written in one call per {@link #append}; nothing is buffered
 * between calls, so what {@code append} returned for is in the operating system's hands.
 */
public final class TapeWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TapeWriter.class);

    private final Path dir;
    private final ByteSink out = new ByteSink(1 << 16);
    private FileChannel channel;
    private Path segment;
    private TapeEncoder encoder;
    private long segmentDay = Long.MIN_VALUE;
    private long records;
    private long bytes;
    private long unencodable;

    public TapeWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * Encodes and writes {@code batch} in order. A record that cannot be encoded is skipped (counted, logged); an I/O
     * error closes the current segment (the next call starts a new one) and is rethrown: that batch is lost from the
     * failed record on.
     */
    public void append(List<TapeRecord> batch) throws IOException {
        out.clear();
        for (TapeRecord r : batch) {
            Instant at = r.at();
            try {
                TapeEncoder.epochNanos(at);
            } catch (IllegalArgumentException e) {
                unencodable++;
                LOG.warn("tape: record skipped: {}", e.getMessage());
                continue;
            }
            long day = TapeFormat.utcDay(at);
            if (channel == null || day > segmentDay) {
                writeOut();
                openSegment(at, day);
            }
            int mark = out.size();
            try {
                encoder.encode(r, out);
                records++;
            } catch (IllegalArgumentException e) {
                out.truncate(mark);
                unencodable++;
                LOG.warn("tape: record skipped: {}", e.getMessage());
            }
        }
        writeOut();
    }

    private void writeOut() throws IOException {
        if (out.size() == 0 || channel == null) {
            out.clear();
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(out.array(), 0, out.size());
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            bytes += out.size();
        } catch (IOException e) {
            closeQuietly();
            throw e;
        } finally {
            out.clear();
        }
    }

    private void openSegment(Instant first, long day) throws IOException {
        closeSegment();
        Files.createDirectories(dir);
        for (int collision = 0; ; collision++) {
            Path p = dir.resolve(TapeFormat.segmentName(first, collision));
            try {
                channel = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                segment = p;
                break;
            } catch (FileAlreadyExistsException taken) {
                if (collision > 1000) {
                    throw taken;
                }
            }
        }
        encoder = new TapeEncoder();
        segmentDay = day;
        ByteBuffer magic = ByteBuffer.wrap(TapeFormat.MAGIC);
        try {
            while (magic.hasRemaining()) {
                channel.write(magic);
            }
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
        bytes += TapeFormat.MAGIC.length;
        LOG.info("tape: writing {}", segment.getFileName());
    }

    /** Forces written bytes to the device (segment rotation and close do it anyway). */
    public void sync() throws IOException {
        if (channel != null) {
            channel.force(false);
        }
    }

    private void closeSegment() throws IOException {
        if (channel != null) {
            try {
                channel.force(false);
            } finally {
                channel.close();
                channel = null;
            }
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already failing: the caller reports the first error
        }
        channel = null;
    }

    /** The segment being written (null before the first record or after an error). */
    public Path currentSegment() {
        return channel == null ? null : segment;
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    /** Records that could not be encoded (and were skipped). */
    public long unencodable() {
        return unencodable;
    }

    @Override
    public void close() throws IOException {
        closeSegment();
    }
}
