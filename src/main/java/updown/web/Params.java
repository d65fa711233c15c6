package updown.web;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import updown.domain.Usd;

/** Parses what a browser sends: query parameters and small JSON bodies. Anything odd is a {@link BadInput}. */
final class Params {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_OFFSET = 100_000_000;
    static final int MAX_REASON = 200;
    /** Plain dollars: digits, an optional point and at most 6 decimals (no signs, exponents or spaces). */
    private static final Pattern DOLLARS = Pattern.compile("[0-9]{1,10}(\\.[0-9]{1,6})?");

    private Params() {
    }

    /** A rejected input; its message is shown to the user as is. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    record Page(int limit, int offset) {
    }

    static Page page(MultiMap query) {
        return new Page(integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                integer(query, "offset", 0, 0, MAX_OFFSET));
    }

    static int integer(MultiMap query, String name, int fallback, int min, int max) {
        List<String> values = query.getAll(name);
        if (values.isEmpty()) {
            return fallback;
        }
        String must = name + " must be a whole number from " + min + " to " + max;
        if (values.size() > 1) {
            throw new BadInput(must + " (given more than once)");
        }
        String raw = values.get(0).strip();
        if (raw.isEmpty() || raw.length() > 10 || !raw.chars().allMatch(Character::isDigit)) {
            throw new BadInput(must);
        }
        long n = Long.parseLong(raw);
        if (n < min || n > max) {
            throw new BadInput(must);
        }
        return (int) n;
    }

    /** The JSON object of a request body; an empty body is an empty object. */
    static JsonObject body(Buffer body) {
        if (body == null || body.length() == 0 || body.toString().isBlank()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(body);
        } catch (RuntimeException e) {
            throw new BadInput("the request body must be a JSON object");
        }
    }

    /** {@code {"amount": "100"}}: dollars as a decimal string (a whole JSON number is accepted too), 0 < x <= max. */
    static Usd topUpAmount(JsonObject body, Usd max) {
        String must = "amount must be dollars as a decimal string with at most 6 decimals, more than 0 and at most "
                + max.format() + ", e.g. {\"amount\":\"100\"}";
        Object v = body.getValue("amount");
        String text;
        if (v instanceof String s) {
            text = s.strip();
        } else if (v instanceof Integer || v instanceof Long) {
            text = v.toString();
        } else {
            throw new BadInput(must);
        }
        if (!DOLLARS.matcher(text).matches()) {
            throw new BadInput(must);
        }
        BigDecimal d = new BigDecimal(text);
        if (d.signum() <= 0 || d.compareTo(max.toBigDecimal()) > 0) {
            throw new BadInput(must);
        }
        return Usd.of(d);
    }

    /** An optional {@code reason} for a stop: a string of at most 200 characters, control characters removed. */
    static String reason(JsonObject body, String fallback) {
        Object v = body.getValue("reason");
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new BadInput("reason must be a string");
        }
        String clean = s.replaceAll("\\p{Cntrl}", " ").strip();
        if (clean.length() > MAX_REASON) {
            throw new BadInput("reason must be at most " + MAX_REASON + " characters");
        }
        return clean.isEmpty() ? fallback : clean;
    }
}
