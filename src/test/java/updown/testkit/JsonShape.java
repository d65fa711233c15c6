package updown.testkit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Structural comparison of a payload with a real sample: every key of the sample is present with the same JSON type
 * (string, number, boolean, null, object, array), recursively. Arrays whose sample elements share one shape are
 * compared element by element against the first sample element; mixed arrays (Binance kline rows) index by index.
 * Extra keys in the payload are allowed ({@link #extraKeys} lists them when a test wants exactness).
 */
public final class JsonShape {
    private JsonShape() {
    }

    public static Object parse(String text) {
        return Json.decodeValue(text);
    }

    /** Problems found; empty when {@code actual} has the sample's shape. */
    public static List<String> problems(Object actual, Object sample) {
        List<String> out = new ArrayList<>();
        compare(actual, sample, "$", out);
        return out;
    }

    /** True when {@code text} parses and has the sample's shape. */
    public static boolean conforms(String text, Object sample) {
        try {
            return problems(parse(text), sample).isEmpty();
        } catch (DecodeException e) {
            return false;
        }
    }

    public static String type(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof JsonObject || v instanceof java.util.Map) {
            return "object";
        }
        if (v instanceof JsonArray || v instanceof java.util.List) {
            return "array";
        }
        return v.getClass().getSimpleName();
    }

    private static Object wrap(Object v) {
        if (v instanceof java.util.Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> map = (java.util.Map<String, Object>) m;
            return new JsonObject(map);
        }
        if (v instanceof java.util.List<?> l) {
            return new JsonArray(new ArrayList<>(l));
        }
        return v;
    }

    private static void compare(Object actual, Object sample, String path, List<String> out) {
        actual = wrap(actual);
        sample = wrap(sample);
        String ta = type(actual);
        String ts = type(sample);
        if (!ta.equals(ts)) {
            out.add(path + ": " + ta + " where the sample has " + ts);
            return;
        }
        if (sample instanceof JsonObject s) {
            JsonObject a = (JsonObject) actual;
            for (String k : s.fieldNames()) {
                if (!a.containsKey(k)) {
                    out.add(path + "." + k + ": missing");
                } else {
                    compare(a.getValue(k), s.getValue(k), path + "." + k, out);
                }
            }
        } else if (sample instanceof JsonArray s && !s.isEmpty()) {
            JsonArray a = (JsonArray) actual;
            if (homogeneous(s)) {
                for (int i = 0; i < a.size(); i++) {
                    compare(a.getValue(i), s.getValue(0), path + "[" + i + "]", out);
                }
            } else {
                if (a.size() != s.size()) {
                    out.add(path + ": " + a.size() + " elements where the sample has " + s.size());
                    return;
                }
                for (int i = 0; i < s.size(); i++) {
                    compare(a.getValue(i), s.getValue(i), path + "[" + i + "]", out);
                }
            }
        }
    }

    private static boolean homogeneous(JsonArray a) {
        String t = type(wrap(a.getValue(0)));
        for (Object v : a) {
            if (!type(wrap(v)).equals(t)) {
                return false;
            }
        }
        return true;
    }

    /** Keys of {@code actual} (top level) that the sample does not have. */
    public static List<String> extraKeys(JsonObject actual, JsonObject sample) {
        List<String> out = new ArrayList<>();
        for (String k : actual.fieldNames()) {
            if (!sample.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
