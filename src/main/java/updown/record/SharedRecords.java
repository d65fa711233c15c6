package updown.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One record source read by several replays at once, each through a {@link RecordSource} of its own that gives every
 * record of the source, in order, exactly as the source would have given it to that replay alone. The variants of a
 * sweep replay the same market (same data, same span, same tick): its records are made once, not once per variant.
 *
 * <p>Records are taken from the source in chunks by whichever reader first needs the next one (never two at a time),
 * and a chunk is dropped once every open reader has passed it. A reader may run at most {@link #MAX_LEAD} chunks ahead
 * of the slowest open one: beyond that its {@link RecordSource#poll()} returns null and its {@link RecordSource#fill()}
 * (on a worker, as a replay calls it) waits, so memory stays a few chunks whatever the span. Every reader must be read
 * to the end or closed (a replay closes its source when it ends, also when it fails), or the others wait for it; all
 * of them are handed out together by {@link #open(RecordSource, int)}, before anything is read. The records must be
 * immutable (they are: tape records of market events): several threads read the same objects.
 */
public final class SharedRecords {
    /** Records per chunk: a few milliseconds of generation, ~1 MB. */
    static final int CHUNK = 4_096;
    /** How many chunks a reader may run ahead of the slowest one. */
    static final int MAX_LEAD = 4;

    private final RecordSource source;
    private final Object lock = new Object();
    /** Chunks not yet passed by every open reader; the first is chunk number {@link #firstChunk}. */
    private final List<TapeRecord[]> chunks = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();
    private long firstChunk;
    /** A reader is taking records from the source (outside the lock). */
    private boolean producing;
    /** The source had no record at hand but more to come: the next producer fills it first. */
    private boolean sourceNeedsFill;
    private boolean sourceDone;
    private RuntimeException failure;

    private SharedRecords(RecordSource source) {
        this.source = source;
    }

    /** {@code readers} sources over {@code source}, which is closed when the last of them is. */
    public static List<RecordSource> open(RecordSource source, int readers) {
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be at least 1, was " + readers);
        }
        SharedRecords shared = new SharedRecords(source);
        List<RecordSource> out = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            Reader r = shared.new Reader();
            shared.readers.add(r);
            out.add(r);
        }
        return List.copyOf(out);
    }

    private long chunksMade() {
        return firstChunk + chunks.size();
    }

    /** The chunk the slowest open reader is in (or the next one to make when none is open). Under the lock. */
    private long slowest() {
        long min = Long.MAX_VALUE;
        for (Reader r : readers) {
            if (!r.closed) {
                min = Math.min(min, r.chunk);
            }
        }
        return min == Long.MAX_VALUE ? chunksMade() : min;
    }

    /** Drops the chunks every open reader has passed. Under the lock. */
    private void dropPassed() {
        long keepFrom = slowest();
        while (firstChunk < keepFrom && !chunks.isEmpty()) {
            chunks.remove(0); // a handful at most
            firstChunk++;
        }
    }

    /** Takes up to a chunk of records from the source; outside the lock, by the one producing reader. */
    private TapeRecord[] take() {
        List<TapeRecord> out = new ArrayList<>(CHUNK);
        boolean needsFill = false;
        while (out.size() < CHUNK) {
            TapeRecord r = source.poll();
            if (r == null) {
                needsFill = !source.exhausted();
                break;
            }
            out.add(r);
        }
        synchronized (lock) {
            sourceNeedsFill = needsFill;
            sourceDone = !needsFill && out.size() < CHUNK && source.exhausted();
        }
        return out.toArray(new TapeRecord[0]);
    }

    private final class Reader implements RecordSource {
        /** The number of the chunk being read ({@code -1} before the first). */
        long chunk = -1;
        private TapeRecord[] current;
        private int next;
        boolean closed;

        @Override
        public TapeRecord poll() {
            while (true) {
                if (current != null && next < current.length) {
                    return current[next++];
                }
                if (!advance()) {
                    return null;
                }
            }
        }

        /** Moves to the next chunk, making it if it is due and nobody is; false: not now (see fill) or the end. */
        private boolean advance() {
            long wanted = chunk + 1;
            synchronized (lock) {
                if (failure != null) {
                    throw failure;
                }
                if (wanted < chunksMade()) {
                    moveTo(wanted);
                    return true;
                }
                if (sourceDone || producing || sourceNeedsFill || wanted - slowest() > MAX_LEAD) {
                    return false;
                }
                producing = true;
            }
            TapeRecord[] made;
            try {
                made = take();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    failure = e;
                    producing = false;
                    lock.notifyAll();
                }
                throw e;
            }
            synchronized (lock) {
                producing = false;
                if (made.length > 0) {
                    chunks.add(made);
                }
                lock.notifyAll();
                if (wanted < chunksMade()) {
                    moveTo(wanted);
                    return true;
                }
                return false;
            }
        }

        /** Under the lock. */
        private void moveTo(long wanted) {
            current = chunks.get((int) (wanted - firstChunk));
            next = 0;
            chunk = wanted;
            dropPassed();
            lock.notifyAll(); // a reader waiting for the slowest to move on may go on
        }

        @Override
        public boolean exhausted() {
            synchronized (lock) {
                if (failure != null) {
                    return false; // poll rethrows it
                }
                return (current == null || next >= current.length) && sourceDone && chunk + 1 >= chunksMade();
            }
        }

        /**
         * Blocking: waits until this reader can go on (its next chunk exists or may be made here), filling the source
         * first when it asked for it.
         */
        @Override
        public void fill() throws IOException {
            synchronized (lock) {
                while (true) {
                    if (failure != null || closed || sourceDone) {
                        return;
                    }
                    long wanted = chunk + 1;
                    if (wanted < chunksMade()) {
                        return;
                    }
                    if (!producing && sourceNeedsFill) {
                        producing = true;
                        break;
                    }
                    if (!producing && wanted - slowest() <= MAX_LEAD) {
                        return;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the other replays", e);
                    }
                }
            }
            try {
                source.fill();
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    failure = e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
                    producing = false;
                    lock.notifyAll();
                }
                throw e;
            }
            synchronized (lock) {
                sourceNeedsFill = false;
                producing = false;
                lock.notifyAll();
            }
        }

        /** This reader is done: the others no longer wait for it; the last one closes the source. */
        @Override
        public void close() throws IOException {
            boolean last;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                current = null;
                dropPassed();
                lock.notifyAll();
                last = readers.stream().allMatch(r -> r.closed);
            }
            if (last) {
                source.close();
            }
        }
    }
}
