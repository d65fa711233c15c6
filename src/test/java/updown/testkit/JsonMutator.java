package updown.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a wire sample for fuzz tests: dropped fields, wrong types, nulls, truncation, huge and
 * negative numbers, unicode (emoji, RTL marks, NUL, lone surrogates), deep nesting, byte flips, and broken
 * JSON-inside-JSON strings. The same seed gives the same mutation, so a failure names its seed.
 */
public final class JsonMutator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] WEIRD = {"", " ", "abc", "NaN", "Infinity", "-0", "1e400", "-1e400",
            "99999999999999999999999999999999999999", "0x1F", "1,5", "١٢٣", "💥", "\u202Eevil", "\u0000",
            "\uD800", "null", "[]", "{}", "[\"1\"", "true", "0.0000001", "-5", "1E-7", "9".repeat(70)};

    private final Random random;

    public JsonMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One mutated text of {@code json}. */
    public String mutate(String json) {
        int kind = random.nextInt(10);
        try {
            switch (kind) {
                case 0:
                    return truncate(json);
                case 1:
                    return flipBytes(json);
                case 2:
                    return deepNest();
                default:
                    JsonNode root = MAPPER.readTree(json);
                    if (root == null || !root.isContainerNode()) {
                        return truncate(json);
                    }
                    int n = 1 + random.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        mutateTree(root, kind);
                    }
                    return MAPPER.writeValueAsString(root);
            }
        } catch (Exception notJson) {
            return flipBytes(json);
        }
    }

    private void mutateTree(JsonNode root, int kind) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode c = containers.get(random.nextInt(containers.size()));
        if (c.isObject()) {
            ObjectNode o = (ObjectNode) c;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                o.set("x", weird());
                return;
            }
            String name = names.get(random.nextInt(names.size()));
            switch (kind) {
                case 3 -> o.remove(name);
                case 4 -> o.set(name, weird());
                case 5 -> o.set(name, hugeNumber());
                case 6 -> o.set(name, unicode(o.get(name)));
                case 7 -> o.set(name, F.textNode(brokenJsonText(o.get(name))));
                case 8 -> o.set(name, F.nullNode());
                default -> o.set(name, random.nextBoolean() ? F.arrayNode().add(o.get(name)) : F.objectNode().set("v", o.get(name)));
            }
        } else if (c.isArray()) {
            ArrayNode a = (ArrayNode) c;
            if (a.isEmpty()) {
                a.add(weird());
                return;
            }
            int i = random.nextInt(a.size());
            switch (kind) {
                case 3 -> a.remove(i);
                case 5 -> a.set(i, hugeNumber());
                case 6 -> a.set(i, unicode(a.get(i)));
                case 8 -> a.set(i, F.nullNode());
                default -> a.set(i, weird());
            }
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private JsonNode weird() {
        return switch (random.nextInt(7)) {
            case 0 -> F.textNode(WEIRD[random.nextInt(WEIRD.length)]);
            case 1 -> F.numberNode(random.nextLong());
            case 2 -> F.booleanNode(random.nextBoolean());
            case 3 -> F.nullNode();
            case 4 -> F.arrayNode();
            case 5 -> F.objectNode();
            default -> F.numberNode(random.nextDouble() * (random.nextBoolean() ? -1e12 : 1e-12));
        };
    }

    private JsonNode hugeNumber() {
        return switch (random.nextInt(4)) {
            case 0 -> F.numberNode(new java.math.BigDecimal("1e" + (20 + random.nextInt(300))));
            case 1 -> F.numberNode(new java.math.BigInteger("9".repeat(30 + random.nextInt(60))));
            case 2 -> F.numberNode(Long.MIN_VALUE);
            default -> F.textNode("-" + "9".repeat(25));
        };
    }

    private JsonNode unicode(JsonNode old) {
        String base = old != null && old.isTextual() ? old.textValue() : String.valueOf(old);
        String[] inserts = {"💥", "\u202E", "\u0000", "\uD800", "é", "\uFEFF", "٣", "\u00A0"};
        int at = base.isEmpty() ? 0 : random.nextInt(base.length() + 1);
        return F.textNode(base.substring(0, at) + inserts[random.nextInt(inserts.length)] + base.substring(at));
    }

    private String brokenJsonText(JsonNode old) {
        String s = old == null ? "[" : old.toString();
        return s.isEmpty() ? "[" : s.substring(0, random.nextInt(s.length()));
    }

    private String truncate(String json) {
        return json.substring(0, random.nextInt(Math.max(1, json.length())));
    }

    private String flipBytes(String json) {
        char[] c = json.toCharArray();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && c.length > 0; i++) {
            c[random.nextInt(c.length)] = (char) random.nextInt(0x3000);
        }
        return new String(c);
    }

    private String deepNest() {
        int depth = 500 + random.nextInt(3000);
        return "[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : depth / 2);
    }
}
