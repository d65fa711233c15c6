package updown.synthetic.fault;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import updown.synthetic.random.Mix;

/**
 * Corrupts a valid JSON payload the ways real feeds break: cut short mid-document, a field of the wrong type, a
 * required field missing, or an HTML error page where JSON belongs. Which corruption, and where, is a function of the
 * given hash, so a seeded fault corrupts the same way every run.
 */
public final class Malformer {

    enum Mode { TRUNCATED, WRONG_TYPE, MISSING_FIELD, HTML }

    private Malformer() {
    }

    static Mode mode(long h) {
        return Mode.values()[(int) Math.floorMod(h, (long) Mode.values().length)];
    }

    public static String corrupt(String json, long h) {
        Mode mode = mode(h);
        long h2 = Mix.mix(h);
        switch (mode) {
            case TRUNCATED:
                return truncate(json, h2);
            case HTML:
                return "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                        + "</center></body></html>";
            default:
                break;
        }
        Object root;
        try {
            root = Json.decodeValue(json);
        } catch (DecodeException e) {
            return truncate(json, h2);
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return truncate(json, h2);
        }
        Slot s = slots.get((int) Math.floorMod(h2, (long) slots.size()));
        if (mode == Mode.MISSING_FIELD && s.object != null) {
            s.object.remove(s.key);
        } else {
            s.set(wrongType(s.get()));
        }
        return Json.encode(root);
    }

    private static String truncate(String json, long h) {
        if (json.length() < 2) {
            return "{";
        }
        int cut = 1 + (int) Math.floorMod(h, (long) Math.max(1, json.length() - 1));
        String out = json.substring(0, Math.min(cut, json.length() - 1));
        return out;
    }

    /** A value of a different JSON type than {@code v}. */
    private static Object wrongType(Object v) {
        if (v instanceof String) {
            return 12345.678;
        }
        if (v instanceof Number) {
            return "not-a-number";
        }
        if (v instanceof Boolean) {
            return "yes";
        }
        if (v instanceof JsonArray) {
            return "oops";
        }
        if (v instanceof JsonObject) {
            return new JsonArray().add(1);
        }
        return new JsonObject();
    }

    /** A place holding a value: an object field or an array element. */
    private static final class Slot {
        final JsonObject object;
        final String key;
        final JsonArray array;
        final int index;

        Slot(JsonObject object, String key) {
            this.object = object;
            this.key = key;
            this.array = null;
            this.index = -1;
        }

        Slot(JsonArray array, int index) {
            this.object = null;
            this.key = null;
            this.array = array;
            this.index = index;
        }

        Object get() {
            return object != null ? object.getValue(key) : array.getValue(index);
        }

        void set(Object v) {
            if (object != null) {
                object.put(key, v);
            } else {
                array.set(index, v);
            }
        }
    }

    private static void collect(Object node, List<Slot> out) {
        if (node instanceof JsonObject o) {
            for (String k : new ArrayList<>(o.fieldNames())) {
                out.add(new Slot(o, k));
                collect(o.getValue(k), out);
            }
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, i));
                collect(a.getValue(i), out);
            }
        }
    }
}
