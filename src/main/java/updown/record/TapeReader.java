package updown.record;

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
 * buffer (1 MiB, more only for a larger record), whatever the tape's length. A segment whose header is wrong is
 * skipped; a torn or corrupt record ends its segment (one WARN line each, counted in {@link #stats()}); reading goes on
 * with the next segment.
 *
 * <p>{@link #poll()} decodes from the buffer only; {@link #fill()} does the file I/O (open the next segment, read
 * more bytes). {@link #next()} combines them for callers that may block.
 */
public final class TapeReader implements RecordSource {
    private static final Logger LOG = LoggerFactory.getLogger(TapeReader.class);
    private static final int BUFFER = 1 << 20;
    /** A varint length has at most 5 bytes, the smallest record 2 + 4. */
    private static final int MAX_LENGTH_BYTES = 5;

    /** What a read found so far. {@code damagedSegments}: segments skipped or ended early by damage. */
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
    private boolean segmentDone;
    /** Bytes the record at {@code pos} needs in the buffer; what {@link #fill()} must provide. */
    private int needed = MAX_LENGTH_BYTES;
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

    @Override
    public TapeRecord poll() {
        if (channel == null || segmentDone) {
            return null;
        }
        int available = limit - pos;
        if (available == 0) {
            if (segmentEof) {
                segmentDone = true; // clean end
            }
            needed = MAX_LENGTH_BYTES;
            return null;
        }
        long length = 0;
        int shift = 0;
        int p = pos;
        while (true) {
            if (p >= limit) {
                return incomplete(MAX_LENGTH_BYTES, "torn record length");
            }
            byte b = buf[p++];
            length |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
            if (shift >= 7 * MAX_LENGTH_BYTES) {
                return corrupt("record length out of range");
            }
        }
        if (length < 2 || length > TapeFormat.MAX_PAYLOAD) {
            return corrupt("record length " + length + " out of range");
        }
        int header = p - pos;
        int total = header + (int) length + 4;
        if (available < total) {
            return incomplete(total, "torn record (" + available + " of " + total + " bytes)");
        }
        int payloadStart = pos + header;
        int end = payloadStart + (int) length;
        crc.reset();
        crc.update(buf, payloadStart, (int) length);
        int stored = (buf[end] & 0xFF) | (buf[end + 1] & 0xFF) << 8 | (buf[end + 2] & 0xFF) << 16
                | (buf[end + 3] & 0xFF) << 24;
        if (stored != (int) crc.getValue()) {
            return corrupt("checksum mismatch");
        }
        TapeRecord r;
        try {
            r = decoder.decode(buf, payloadStart, (int) length);
        } catch (TapeFormatException e) {
            return corrupt("undecodable record: " + e.getMessage());
        }
        pos += total;
        consumedInSegment += total;
        bytes += total;
        records++;
        needed = MAX_LENGTH_BYTES;
        return r;
    }

    /** The record at pos is not all in the buffer: more must be read, or, at the end of the file, it is torn. */
    private TapeRecord incomplete(int need, String whatIfEof) {
        if (segmentEof) {
            damage(whatIfEof, limit - pos);
            segmentDone = true;
        }
        needed = need;
        return null;
    }

    private TapeRecord corrupt(String what) {
        long rest;
        try {
            rest = Math.max(0, channel.size() - consumedInSegment);
        } catch (IOException e) {
            rest = limit - pos;
        }
        damage(what, rest);
        segmentDone = true;
        return null;
    }

    private void damage(String what, long skippedBytes) {
        damaged++;
        skipped += skippedBytes;
        LOG.warn("tape: {} in {} at byte {}; skipping the last {} byte(s) of that segment", what,
                current.getFileName(), consumedInSegment, skippedBytes);
    }

    @Override
    public boolean exhausted() {
        return (channel == null || segmentDone) && nextSegment >= segments.size();
    }

    @Override
    public void fill() throws IOException {
        if (channel != null && !segmentDone) {
            read(needed);
            return;
        }
        closeSegment();
        openNextSegment();
    }

    private void openNextSegment() throws IOException {
        while (nextSegment < segments.size()) {
            current = segments.get(nextSegment++);
            channel = FileChannel.open(current, StandardOpenOption.READ);
            segmentsOpened++;
            pos = 0;
            limit = 0;
            consumedInSegment = 0;
            segmentEof = false;
            segmentDone = false;
            needed = MAX_LENGTH_BYTES;
            decoder = new TapeDecoder();
            read(TapeFormat.MAGIC.length);
            if (limit < TapeFormat.MAGIC.length) {
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
            pos = TapeFormat.MAGIC.length;
            consumedInSegment = pos;
            read(BUFFER / 2);
            return;
        }
    }

    /** Reads until {@code n} bytes are available from pos, the buffer is full, or the file ends. */
    private void read(int n) throws IOException {
        if (pos > 0 && (buf.length - limit < n || pos > buf.length / 2)) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, n);
        }
        do {
            int r = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
            if (r < 0) {
                segmentEof = true;
                return;
            }
            limit += r;
        } while (limit - pos < n && limit < buf.length);
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
