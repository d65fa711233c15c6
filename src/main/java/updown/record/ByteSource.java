package updown.record;

import java.nio.charset.StandardCharsets;

/** Reads the tape's primitive encodings out of a byte range; every read is bounds-checked against the range. */
final class ByteSource {
    private byte[] bytes;
    private int pos;
    private int limit;

    void reset(byte[] array, int offset, int length) {
        this.bytes = array;
        this.pos = offset;
        this.limit = offset + length;
    }

    int remaining() {
        return limit - pos;
    }

    int readByte() {
        if (pos >= limit) {
            throw new TapeFormatException("record body ends early");
        }
        return bytes[pos++] & 0xFF;
    }

    long readVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new TapeFormatException("varint runs past the record body");
            }
            byte b = bytes[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new TapeFormatException("varint longer than 10 bytes");
    }

    int readVarInt() {
        long v = readVarLong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new TapeFormatException("count out of range: " + v);
        }
        return (int) v;
    }

    long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    String readUtf8(int length) {
        if (length > limit - pos) {
            throw new TapeFormatException("string runs past the record body");
        }
        String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }
}
