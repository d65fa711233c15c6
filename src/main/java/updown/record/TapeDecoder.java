package updown.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import updown.domain.BookSide;
import updown.domain.Candle;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.domain.TraderTicked;

/**
 * Decodes the payloads of one segment, in order (the dictionary and the time base carry from record to record).
 * Call it only with payloads whose checksum matched; a payload that still does not parse throws
 * {@link TapeFormatException}. Not thread-safe.
 */
final class TapeDecoder {
    private static final BookSide[] SIDES = BookSide.values();
    private static final Resolution[] RESOLUTIONS = Resolution.values();

    private final List<String> dictionary = new ArrayList<>();
    private final ByteSource in = new ByteSource();
    private long lastAtNanos;

    TapeRecord decode(byte[] bytes, int offset, int length) {
        in.reset(bytes, offset, length);
        int type = in.readByte();
        long atNanos = lastAtNanos + in.readZigZag();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(atNanos, 1_000_000_000L),
                Math.floorMod(atNanos, 1_000_000_000L));
        int dictionaryBefore = dictionary.size();
        try {
            TapeRecord r = body(type, at);
            if (in.remaining() != 0) {
                throw new TapeFormatException(in.remaining() + " unread bytes after a type " + type + " record");
            }
            lastAtNanos = atNanos;
            return r;
        } catch (RuntimeException e) {
            // a record that does not decode defines nothing
            while (dictionary.size() > dictionaryBefore) {
                dictionary.remove(dictionary.size() - 1);
            }
            throw e instanceof TapeFormatException tfe ? tfe
                    : new TapeFormatException("type " + type + " record does not decode: " + e);
        }
    }

    private TapeRecord body(int type, Instant at) {
        return switch (type) {
            case TapeFormat.BOOK_LEVEL_CHANGED -> {
                String token = string();
                int side = in.readByte();
                Price price = Price.ofMicros(in.readVarLong());
                Shares size = Shares.ofMicros(in.readZigZag());
                yield event(new MarketEvent.BookLevelChanged(token, side == TapeFormat.NULL_ENUM ? null
                        : SIDES[side], price, size, at));
            }
            case TapeFormat.BOOK_SNAPSHOT -> {
                String token = string();
                Price tick = nullablePrice();
                String hash = string();
                List<Level> bids = levels();
                List<Level> asks = levels();
                yield event(new MarketEvent.BookSnapshot(token, bids, asks, tick, hash, at));
            }
            case TapeFormat.CANDLE_UPDATED, TapeFormat.ASSET_CANDLE_UPDATED -> {
                String asset = type == TapeFormat.ASSET_CANDLE_UPDATED ? string() : "BTC";
                Instant open = instant();
                long o = in.readZigZag();
                long h = o + in.readZigZag();
                long l = o - in.readZigZag();
                long c = o + in.readZigZag();
                long v = in.readZigZag();
                boolean closed = bool();
                yield event(new MarketEvent.CandleUpdated(asset, new Candle(open, o, h, l, c, v, closed), at));
            }
            case TapeFormat.MARKET_DISCOVERED -> {
                String id = string();
                String conditionId = string();
                String slug = string();
                String question = string();
                String asset = string();
                Instant start = instant();
                Instant end = instant();
                String up = string();
                String down = string();
                Price tick = Price.ofMicros(in.readVarLong());
                Shares minSize = Shares.ofMicros(in.readZigZag());
                Ratio rate = Ratio.ofMicros(in.readZigZag());
                int exponent = in.readByte();
                int flags = in.readByte();
                Market m = new Market(id, conditionId, slug, question, asset, start, end, up, down, tick, minSize,
                        new FeeSchedule(rate, exponent, (flags & 1) != 0), (flags & 2) != 0, (flags & 4) != 0,
                        (flags & 8) != 0, (flags & 16) != 0);
                yield event(new MarketEvent.MarketDiscovered(m, at));
            }
            case TapeFormat.PRICE_TO_BEAT -> {
                String slug = string();
                Instant start = instant();
                long startMicros = in.readZigZag();
                Long endMicros = bool() ? in.readZigZag() : null;
                yield event(new MarketEvent.PriceToBeat(slug, start, startMicros, endMicros, at));
            }
            case TapeFormat.MARKET_RESOLVED -> {
                String marketId = string();
                String slug = string();
                int w = in.readByte();
                String source = string();
                yield event(new MarketEvent.MarketResolved(marketId, slug,
                        w == TapeFormat.NULL_ENUM ? null : RESOLUTIONS[w], source, at));
            }
            case TapeFormat.BOOK_HEALTH -> {
                String token = string();
                boolean stale = bool();
                yield event(new MarketEvent.BookHealth(token, stale, string(), at));
            }
            case TapeFormat.FEED_HEALTH -> {
                String feed = string();
                boolean stale = bool();
                yield event(new MarketEvent.FeedHealth(feed, stale, string(), at));
            }
            case TapeFormat.TICK_SIZE_CHANGED -> {
                String token = string();
                yield event(new MarketEvent.TickSizeChanged(token, nullablePrice(), at));
            }
            case TapeFormat.TRADER_TICKED -> {
                int active = in.readVarInt();
                int stale = in.readVarInt();
                boolean fresh = bool();
                int opened = in.readVarInt();
                long micros = in.readZigZag();
                yield new TapeRecord.Tick(new TraderTicked(at, active, stale, fresh, opened, micros));
            }
            default -> throw new TapeFormatException("unknown record type " + type);
        };
    }

    private static TapeRecord event(MarketEvent e) {
        return new TapeRecord.Event(e);
    }

    private boolean bool() {
        int b = in.readByte();
        if (b > 1) {
            throw new TapeFormatException("boolean byte " + b);
        }
        return b == 1;
    }

    private List<Level> levels() {
        int n = in.readVarInt();
        if (n > in.remaining() / 2) {
            throw new TapeFormatException("level count " + n + " exceeds the record");
        }
        List<Level> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Level(Price.ofMicros(in.readVarLong()), Shares.ofMicros(in.readZigZag())));
        }
        return out;
    }

    private Price nullablePrice() {
        long v = in.readVarLong();
        return v == 0 ? null : Price.ofMicros(v - 1);
    }

    private Instant instant() {
        long n = in.readVarLong();
        if (n == 0) {
            return null;
        }
        if (n > 1_000_000_000L) {
            throw new TapeFormatException("nanosecond field " + (n - 1));
        }
        return Instant.ofEpochSecond(in.readZigZag(), n - 1);
    }

    private String string() {
        long ref = in.readVarLong();
        if (ref == TapeFormat.STR_NULL) {
            return null;
        }
        if (ref == TapeFormat.STR_DEFINE || ref == TapeFormat.STR_LITERAL) {
            String s = in.readUtf8(in.readVarInt());
            if (ref == TapeFormat.STR_DEFINE) {
                dictionary.add(s);
            }
            return s;
        }
        long index = ref - TapeFormat.STR_FIRST_REF;
        if (index >= dictionary.size()) {
            throw new TapeFormatException("string reference " + index + " before its definition");
        }
        return dictionary.get((int) index);
    }
}
