package updown.net;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import updown.domain.Micros;

/**
 * Strict, typed access to untrusted JSON. Numbers are read as exact decimals (never through {@code double}); every
 * accessor throws {@link WireException} with a {@link ParseError.Kind}, which {@link #guard} turns into a
 * {@link ParseResult}. The mapper is configured once and never changed, so sharing it is safe.
 */
public final class WireJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WireJson() {
    }

    /** Runs a parser body; any failure, expected or not, comes back as a typed error instead of an exception. */
    public static <T> ParseResult<T> guard(Supplier<T> body) {
        try {
            return ParseResult.ok(body.get());
        } catch (WireException e) {
            return ParseResult.failed(e.toError());
        } catch (RuntimeException e) {
            // anything else a hostile input can provoke (overflow, out-of-range dates...) is a bad value too
            return ParseResult.failed(ParseError.Kind.BAD_VALUE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public static JsonNode tree(String text) {
        if (text == null || text.isBlank()) {
            throw new WireException(ParseError.Kind.MALFORMED_JSON, "empty input");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new WireException(ParseError.Kind.MALFORMED_JSON, "no JSON value");
            }
            return node;
        } catch (JacksonException e) {
            throw new WireException(ParseError.Kind.MALFORMED_JSON, e.getOriginalMessage());
        }
    }

    public static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new WireException(ParseError.Kind.WRONG_TYPE, what + ": expected an object, got " + typeOf(node));
        }
        return node;
    }

    /** A required field, present and not null. */
    public static JsonNode field(JsonNode obj, String name) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            throw new WireException(ParseError.Kind.MISSING_FIELD, "missing field '" + name + "'");
        }
        return v;
    }

    public static boolean has(JsonNode obj, String name) {
        JsonNode v = obj.get(name);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    /** A required text field; a number is accepted as its decimal text (ids sometimes arrive as numbers). */
    public static String string(JsonNode obj, String name) {
        return asString(field(obj, name), name);
    }

    public static String optString(JsonNode obj, String name) {
        return has(obj, name) ? asString(obj.get(name), name) : null;
    }

    public static String asString(JsonNode v, String name) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
        }
        throw new WireException(ParseError.Kind.WRONG_TYPE, "'" + name + "': expected text, got " + typeOf(v));
    }

    /** A required decimal given as a JSON number or a decimal string, in micro-units, exactly. */
    public static long micros(JsonNode obj, String name) {
        return Micros.fromBigDecimal(decimal(field(obj, name), name));
    }

    public static BigDecimal decimal(JsonNode v, String name) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            String t = v.textValue().strip();
            if (t.isEmpty() || t.length() > 64) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': not a decimal: '" + clip(t) + "'");
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': not a decimal: '" + clip(t) + "'");
            }
        }
        throw new WireException(ParseError.Kind.WRONG_TYPE, "'" + name + "': expected a number, got " + typeOf(v));
    }

    /** Micro-units of a value node, exactly; overflow is a bad value. */
    public static long microsOf(JsonNode v, String name) {
        try {
            return Micros.fromBigDecimal(decimal(v, name));
        } catch (ArithmeticException e) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': out of range");
        }
    }

    /** A required whole number (epoch milliseconds, counts) given as a number or a digit string. */
    public static long longValue(JsonNode obj, String name) {
        return asLong(field(obj, name), name);
    }

    public static long asLong(JsonNode v, String name) {
        BigDecimal d = decimal(v, name);
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': not a whole number in range");
        }
    }

    /** A boolean given as JSON true/false or the text "true"/"false"; absent gives the default. */
    public static boolean bool(JsonNode obj, String name, boolean absent) {
        if (!has(obj, name)) {
            return absent;
        }
        JsonNode v = obj.get(name);
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && ("true".equalsIgnoreCase(v.textValue()) || "false".equalsIgnoreCase(v.textValue()))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw new WireException(ParseError.Kind.WRONG_TYPE, "'" + name + "': expected a boolean, got " + typeOf(v));
    }

    /** An ISO-8601 instant ("2026-05-12T11:10:00Z", any fractional seconds, any offset). */
    public static Instant instant(JsonNode obj, String name) {
        String s = string(obj, name).strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': not an ISO instant: '" + clip(s) + "'");
            }
        }
    }

    /**
     * A list of strings given either as a real JSON array or as a JSON-encoded string holding one
     * ({@code "[\"Up\", \"Down\"]"}): Gamma sends the second form, other endpoints the first.
     */
    public static List<String> stringList(JsonNode obj, String name) {
        JsonNode v = field(obj, name);
        if (v.isTextual()) {
            v = tree(v.textValue());
        }
        if (!v.isArray()) {
            throw new WireException(ParseError.Kind.WRONG_TYPE, "'" + name + "': expected a list, got " + typeOf(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e == null || e.isNull()) {
                throw new WireException(ParseError.Kind.BAD_VALUE, "'" + name + "': null element");
            }
            out.add(asString(e, name));
        }
        return out;
    }

    public static JsonNode array(JsonNode obj, String name) {
        JsonNode v = field(obj, name);
        if (!v.isArray()) {
            throw new WireException(ParseError.Kind.WRONG_TYPE, "'" + name + "': expected a list, got " + typeOf(v));
        }
        return v;
    }

    /** An array field that may be absent or null (read as empty). */
    public static JsonNode optArray(JsonNode obj, String name) {
        if (!has(obj, name)) {
            return MAPPER.createArrayNode();
        }
        return array(obj, name);
    }

    public static String typeOf(JsonNode v) {
        return v == null ? "nothing" : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
