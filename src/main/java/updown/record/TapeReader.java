package updown.record;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the records of a tape directory, segment after segment, in the order they were written. Memory is one read
 * buffer, whatever the tape's length. A segment whose header is wrong is skipped; a torn or corrupt record ends its
 * segment (one WARN line each, counted in {@link #stats()}); reading goes on with the next segment.
 * Blocking file I/O: use it off the event loop.
 */
public final class TapeReader implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TapeReader.class);
    private static final int BUFFER = 1 << 20;

    /** What a read found so far. {@code damagedSegments}: segments that ended in a torn or corrupt record. */
    public record Stats(int segments, long records, long bytes, int damagedSegments, long skippedBytes) {
    }

    private final List<Path> segments;
    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private int nextSegment;
    private FileChannel channel;
    private Path current;
    private long consumedInSegment;
    private boolean segmentEof;
    private TapeDecoder decoder;
    private int segmentsOpened;
    private long records;
    private long bytes;
    private int damaged;
    private long skipped;

    private TapeReader(List<Path> segments) {
        this.segments = segments;
    }

    /** Every segment of {@code dir}. */
    public static TapeReader open(Path dir) throws IOException {
        return new TapeReader(TapeFiles.segments(dir));
    }

    /**
     * The segments of {@code dir} that can hold records at or after {@code notBefore}: a segment is skipped when the
     * next one started at or before that instant (segments follow each other in time).
     */
    public static TapeReader open(Path dir, Instant notBefore) throws IOException {
        List<Path> all = TapeFiles.segments(dir);
        int first = 0;
        for (int i = 0; i + 1 < all.size(); i++) {
            Optional<Instant> nextStart = TapeFormat.segmentStart(all.get(i + 1).getFileName().toString());
            if (nextStart.isPresent() && !nextStart.get().isAfter(notBefore)) {
                first = i + 1;
            }
        }
        return new TapeReader(all.subList(first, all.size()));
    }

    /** A reader of one segment file (tests, tools). */
    public static TapeReader ofSegment(Path file) {
        return new TapeReader(List.of(file));
    }

    /** The next record, or null when every segment has been read. */
    public TapeRecord next() throws IOException {
        while (true) {
            if (channel == null && !openNextSegment()) {
                return null;
            }
            TapeRecord r = readRecord();
            if (r != null) {
                records++;
                return r;
            }
            closeSegment();
        }
    }

    private boolean openNextSegment() throws IOException {
        while (nextSegment < segments.size()) {
            current = segments.get(nextSegment++);
            channel = FileChannel.open(current, StandardOpenOption.READ);
            segmentsOpened++;
            pos = 0;
            limit = 0;
            consumedInSegment = 0;
            segmentEof = false;
            decoder = new TapeDecoder();
            if (!fill(TapeFormat.MAGIC.length)) {
                if (limit > 0) {
                    damage("torn header", limit);
                }
                closeSegment();
                continue;
            }
            if (!Arrays.equals(buf, 0, TapeFormat.MAGIC.length, TapeFormat.MAGIC, 0, TapeFormat.MAGIC.length)) {
                damage("not a version-1 tape segment", channel.size());
                closeSegment();
                continue;
            }
            advance(TapeFormat.MAGIC.length);
            return true;
        }
        return false;
    }

    /** The next valid record of the current segment, or null at its end (clean, torn or corrupt). */
    private TapeRecord readRecord() throws IOException {
        fill(10);
        if (pos == limit) {
            return null; // clean end
        }
        int start = pos;
        long length = 0;
        int shift = 0;
        int p = pos;
        while (true) {
            if (p >= limit) {
                damage("torn record length", remainingInSegment());
                return null;
            }
            byte b = buf[p++];
            length |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                damage("record length out of range", remainingInSegment());
                return null;
            }
        }
        if (length < 2 || length > TapeFormat.MAX_PAYLOAD) {
            damage("record length " + length + " out of range", remainingInSegment());
            return null;
        }
        int header = p - start;
        int total = header + (int) length + 4;
        if (!fill(total)) {
            damage("torn record (" + (limit - pos) + " of " + total + " bytes)", remainingInSegment());
            return null;
        }
        int payloadStart = pos + header;
        crc.reset();
        crc.update(buf, payloadStart, (int) length);
        int stored = (buf[payloadStart + (int) length] & 0xFF)
                | (buf[payloadStart + (int) length + 1] & 0xFF) << 8
                | (buf[payloadStart + (int) length + 2] & 0xFF) << 16
                | (buf[payloadStart + (int) length + 3] & 0xFF) << 24;
        if (stored != (int) crc.getValue()) {
            damage("checksum mismatch", remainingInSegment());
            return null;
        }
        TapeRecord r;
        try {
            r = decoder.decode(buf, payloadStart, (int) length);
        } catch (TapeFormatException e) {
            damage("undecodable record: " + e.getMessage(), remainingInSegment());
            return null;
        }
        advance(total);
        bytes += total;
        return r;
    }

    private void advance(int n) {
        pos += n;
        consumedInSegment += n;
    }

    /** Bytes of the current segment from the read position to its end. */
    private long remainingInSegment() throws IOException {
        return Math.max(0, channel.size() - consumedInSegment);
    }

    private void damage(String what, long skippedBytes) {
        damaged++;
        skipped += skippedBytes;
        LOG.warn("tape: {} in {} at byte {}; skipping the last {} byte(s) of that segment", what,
                current.getFileName(), consumedInSegment, skippedBytes);
    }

    /** Makes at least {@code n} bytes available from pos; false if the segment ends first. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (limit < n && !segmentEof) {
            int r = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
            if (r < 0) {
                segmentEof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos >= n;
    }

    private void closeSegment() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    public Stats stats() {
        return new Stats(segmentsOpened, records, bytes, damaged, skipped);
    }

    @Override
    public void close() throws IOException {
        closeSegment();
        nextSegment = segments.size();
    }
}
