package updown.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import updown.domain.BookSide;
import updown.domain.Candle;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.MarketEvent.BookHealth;
import updown.domain.MarketEvent.BookLevelChanged;
import updown.domain.MarketEvent.BookSnapshot;
import updown.domain.MarketEvent.CandleUpdated;
import updown.domain.MarketEvent.FeedHealth;
import updown.domain.MarketEvent.MarketDiscovered;
import updown.domain.MarketEvent.MarketResolved;
import updown.domain.MarketEvent.PriceToBeat;
import updown.domain.MarketEvent.TickSizeChanged;
import updown.domain.Price;
import updown.domain.TraderTicked;

/**
 * Encodes tape records of one segment (its string dictionary and its time base). A record that cannot be encoded
 * (an instant outside ±292 years, a null receive time) throws {@link IllegalArgumentException} and leaves the
 * encoder exactly as it was, so the next record still decodes. Not thread-safe.
 */
final class TapeEncoder {
    private final Map<String, Integer> dictionary = new HashMap<>();
    private final List<String> addedThisRecord = new ArrayList<>(4);
    private final ByteSink payload = new ByteSink(512);
    private final CRC32C crc = new CRC32C();
    private long lastAtNanos;

    /** Appends one framed record (length, payload, checksum) to {@code out}. */
    void encode(TapeRecord record, ByteSink out) {
        addedThisRecord.clear();
        payload.clear();
        long atNanos;
        try {
            atNanos = epochNanos(record.at());
            if (record instanceof TapeRecord.Event e) {
                encodeEvent(e.event(), atNanos);
            } else {
                TraderTicked t = ((TapeRecord.Tick) record).ticked();
                header(TapeFormat.TRADER_TICKED, atNanos);
                payload.writeVarLong(Math.max(0, t.activeMarkets()));
                payload.writeVarLong(Math.max(0, t.staleBooks()));
                payload.writeByte(t.candlesFresh() ? 1 : 0);
                payload.writeVarLong(Math.max(0, t.tradesOpened()));
                payload.writeZigZag(t.durationMicros());
            }
        } catch (RuntimeException e) {
            for (String s : addedThisRecord) {
                dictionary.remove(s);
            }
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("cannot encode " + describe(record) + ": " + e, e);
        }
        if (payload.size() > TapeFormat.MAX_PAYLOAD) {
            for (String s : addedThisRecord) {
                dictionary.remove(s);
            }
            throw new IllegalArgumentException("record too large (" + payload.size() + " bytes): " + describe(record));
        }
        lastAtNanos = atNanos;
        crc.reset();
        crc.update(payload.array(), 0, payload.size());
        out.writeVarLong(payload.size());
        out.write(payload.array(), 0, payload.size());
        out.writeIntLE((int) crc.getValue());
    }

    private static String describe(TapeRecord r) {
        return r instanceof TapeRecord.Event e ? e.event().getClass().getSimpleName() : "TraderTicked";
    }

    private void header(int type, long atNanos) {
        payload.writeByte(type);
        payload.writeZigZag(atNanos - lastAtNanos);
    }

    private void encodeEvent(MarketEvent event, long atNanos) {
        if (event instanceof BookLevelChanged c) {
            header(TapeFormat.BOOK_LEVEL_CHANGED, atNanos);
            string(c.tokenId());
            payload.writeByte(c.side() == null ? TapeFormat.NULL_ENUM : c.side() == BookSide.BID ? 0 : 1);
            payload.writeVarLong(c.price().micros());
            payload.writeZigZag(c.size().micros());
        } else if (event instanceof BookSnapshot s) {
            header(TapeFormat.BOOK_SNAPSHOT, atNanos);
            string(s.tokenId());
            nullablePrice(s.tickSize());
            literal(s.hash());
            levels(s.bids());
            levels(s.asks());
        } else if (event instanceof CandleUpdated c) {
            if ("BTC".equals(c.asset())) {
                header(TapeFormat.CANDLE_UPDATED, atNanos);
            } else {
                header(TapeFormat.ASSET_CANDLE_UPDATED, atNanos);
                string(c.asset());
            }
            Candle k = c.candle();
            instant(k.openTime());
            payload.writeZigZag(k.openMicros());
            payload.writeZigZag(Math.subtractExact(k.highMicros(), k.openMicros()));
            payload.writeZigZag(Math.subtractExact(k.openMicros(), k.lowMicros()));
            payload.writeZigZag(Math.subtractExact(k.closeMicros(), k.openMicros()));
            payload.writeZigZag(k.volumeMicros());
            payload.writeByte(k.closed() ? 1 : 0);
        } else if (event instanceof MarketDiscovered d) {
            header(TapeFormat.MARKET_DISCOVERED, atNanos);
            Market m = d.market();
            string(m.id());
            string(m.conditionId());
            string(m.slug());
            string(m.question());
            string(m.asset());
            instant(m.windowStart());
            instant(m.windowEnd());
            string(m.upTokenId());
            string(m.downTokenId());
            payload.writeVarLong(m.tickSize().micros());
            payload.writeZigZag(m.minOrderSize().micros());
            payload.writeZigZag(m.fees().rate().micros());
            payload.writeByte(m.fees().exponent());
            payload.writeByte((m.fees().takerOnly() ? 1 : 0) | (m.active() ? 2 : 0) | (m.closed() ? 4 : 0)
                    | (m.acceptingOrders() ? 8 : 0) | (m.enableOrderBook() ? 16 : 0));
        } else if (event instanceof PriceToBeat p) {
            header(TapeFormat.PRICE_TO_BEAT, atNanos);
            string(p.slug());
            instant(p.windowStart());
            payload.writeZigZag(p.startMicros());
            if (p.endMicros() == null) {
                payload.writeByte(0);
            } else {
                payload.writeByte(1);
                payload.writeZigZag(p.endMicros());
            }
        } else if (event instanceof MarketResolved r) {
            header(TapeFormat.MARKET_RESOLVED, atNanos);
            string(r.marketId());
            string(r.slug());
            payload.writeByte(r.winner() == null ? TapeFormat.NULL_ENUM : r.winner().ordinal());
            string(r.source());
        } else if (event instanceof BookHealth h) {
            header(TapeFormat.BOOK_HEALTH, atNanos);
            string(h.tokenId());
            payload.writeByte(h.stale() ? 1 : 0);
            string(h.reason());
        } else if (event instanceof FeedHealth f) {
            header(TapeFormat.FEED_HEALTH, atNanos);
            string(f.feed());
            payload.writeByte(f.stale() ? 1 : 0);
            string(f.reason());
        } else if (event instanceof TickSizeChanged t) {
            header(TapeFormat.TICK_SIZE_CHANGED, atNanos);
            string(t.tokenId());
            nullablePrice(t.tickSize());
        } else {
            // the interface is sealed: a new event type must get a record type here (and in the decoder)
            throw new IllegalArgumentException("no tape encoding for " + event.getClass().getName());
        }
    }

    private void levels(List<Level> levels) {
        payload.writeVarLong(levels.size());
        for (Level l : levels) {
            payload.writeVarLong(l.price().micros());
            payload.writeZigZag(l.size().micros());
        }
    }

    private void nullablePrice(Price p) {
        payload.writeVarLong(p == null ? 0 : p.micros() + 1);
    }

    private void instant(Instant t) {
        if (t == null) {
            payload.writeVarLong(0);
            return;
        }
        payload.writeVarLong(t.getNano() + 1L);
        payload.writeZigZag(t.getEpochSecond());
    }

    /** A dictionary string (ids, slugs, reasons): defined once per segment, then referenced by number. */
    private void string(String s) {
        if (s == null) {
            payload.writeVarLong(TapeFormat.STR_NULL);
            return;
        }
        Integer ref = dictionary.get(s);
        if (ref != null) {
            payload.writeVarLong(TapeFormat.STR_FIRST_REF + (long) ref);
            return;
        }
        if (dictionary.size() >= TapeFormat.MAX_DICTIONARY) {
            literal(s);
            return;
        }
        dictionary.put(s, dictionary.size());
        addedThisRecord.add(s);
        utf8(TapeFormat.STR_DEFINE, s);
    }

    /** A string written in full every time (book hashes: nearly all distinct). */
    private void literal(String s) {
        if (s == null) {
            payload.writeVarLong(TapeFormat.STR_NULL);
            return;
        }
        utf8(TapeFormat.STR_LITERAL, s);
    }

    private void utf8(int kind, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        payload.writeVarLong(kind);
        payload.writeVarLong(b.length);
        payload.write(b, 0, b.length);
    }

    static long epochNanos(Instant t) {
        if (t == null) {
            throw new IllegalArgumentException("record without a time");
        }
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time out of the tape's range: " + t);
        }
    }
}
