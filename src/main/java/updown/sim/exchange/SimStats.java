package updown.sim.exchange;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import updown.synthetic.fault.FaultKind;
import updown.synthetic.fault.Venue;

/** Counters per venue: HTTP requests answered, websocket frames sent, faults started. Readable from any thread. */
public final class SimStats {
    private final Map<Venue, AtomicLong> requests = new EnumMap<>(Venue.class);
    private final Map<Venue, AtomicLong> frames = new EnumMap<>(Venue.class);
    private final Map<FaultKind, AtomicLong> faults = new EnumMap<>(FaultKind.class);

    SimStats() {
        for (Venue v : Venue.values()) {
            requests.put(v, new AtomicLong());
            frames.put(v, new AtomicLong());
        }
        for (FaultKind k : FaultKind.values()) {
            faults.put(k, new AtomicLong());
        }
    }

    void requestServed(Venue v) {
        requests.get(v).incrementAndGet();
    }

    void frameSent(Venue v) {
        frames.get(v).incrementAndGet();
    }

    void faultStarted(FaultKind k) {
        faults.get(k).incrementAndGet();
    }

    public long requests(Venue v) {
        return requests.get(v).get();
    }

    public long framesSent(Venue v) {
        return frames.get(v).get();
    }

    public long faultsStarted(FaultKind k) {
        return faults.get(k).get();
    }
}
