package updown.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small RLP decoder of the test tree (Ethereum yellow paper, appendix B), written apart from the production code
 * so the fake Polygon node reads what the bot signed with code the bot does not share. Each item keeps its own
 * encoded bytes, so a signing payload can be rebuilt from the decoded fields.
 */
public final class Rlp {
    private Rlp() {
    }

    /** A byte string or a list, with the bytes that encoded it. */
    public record Item(byte[] bytes, List<Item> list, byte[] encoded) {
        public boolean isList() {
            return list != null;
        }

        public BigInteger number() {
            return new BigInteger(1, bytes);
        }

        public String hex() {
            StringBuilder sb = new StringBuilder("0x");
            for (byte b : bytes) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        }
    }

    /** Decodes exactly one item filling {@code in}; anything else is an IllegalArgumentException. */
    public static Item decode(byte[] in) {
        int[] end = new int[1];
        Item item = decode(in, 0, end);
        if (end[0] != in.length) {
            throw new IllegalArgumentException("trailing bytes after the RLP item");
        }
        return item;
    }

    private static Item decode(byte[] in, int at, int[] end) {
        if (at >= in.length) {
            throw new IllegalArgumentException("RLP item past the end");
        }
        int p = in[at] & 0xff;
        int start;
        int len;
        boolean list;
        if (p < 0x80) {
            end[0] = at + 1;
            return new Item(new byte[] {(byte) p}, null, Arrays.copyOfRange(in, at, at + 1));
        } else if (p <= 0xb7) {
            list = false;
            start = at + 1;
            len = p - 0x80;
        } else if (p <= 0xbf) {
            list = false;
            int n = p - 0xb7;
            start = at + 1 + n;
            len = length(in, at + 1, n);
        } else if (p <= 0xf7) {
            list = true;
            start = at + 1;
            len = p - 0xc0;
        } else {
            list = true;
            int n = p - 0xf7;
            start = at + 1 + n;
            len = length(in, at + 1, n);
        }
        int stop = start + len;
        if (stop > in.length) {
            throw new IllegalArgumentException("RLP length past the end");
        }
        end[0] = stop;
        byte[] encoded = Arrays.copyOfRange(in, at, stop);
        if (!list) {
            return new Item(Arrays.copyOfRange(in, start, stop), null, encoded);
        }
        List<Item> items = new ArrayList<>();
        int q = start;
        int[] e = new int[1];
        while (q < stop) {
            items.add(decode(in, q, e));
            q = e[0];
        }
        return new Item(null, items, encoded);
    }

    private static int length(byte[] in, int at, int n) {
        if (at + n > in.length || n > 4) {
            throw new IllegalArgumentException("RLP length of length unreadable");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (in[at + i] & 0xff);
        }
        return len;
    }

    /** The list made of these items' encodings (to rebuild a signing payload from decoded fields). */
    public static byte[] list(List<Item> items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Item i : items) {
            body.writeBytes(i.encoded());
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (b.length <= 55) {
            out.write(0xc0 + b.length);
        } else {
            byte[] len = BigInteger.valueOf(b.length).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0xf7 + len.length - skip);
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(b);
        return out.toByteArray();
    }
}
