package updown.net;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named event counters of one client (frames, parse errors by kind, reconnects, retries...). Written on the
 * client's event loop, readable from any thread (tests, the dashboard).
 */
public final class Counters {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void inc(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public void add(String name, long n) {
        counts.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    public void parseError(ParseError e) {
        inc(e.counterName());
        inc("parse.errors");
    }

    public long get(String name) {
        LongAdder a = counts.get(name);
        return a == null ? 0 : a.sum();
    }

    /** A sorted copy of every counter. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
