package updown.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in a finished log line: the exact values of the configured secrets (registered at startup) and
 * anything shaped like one even if it was never configured — a Telegram bot token, a 64-hex private key, a
 * {@code Bearer} credential. Immutable; a new set of secrets means a new masker.
 */
public final class SecretMasker {
    static final String MASK = "***";
    /** Shorter values are not worth protecting and would garble every line they happen to occur in. */
    static final int MIN_SECRET_LENGTH = 4;

    /** {@code <digits>:<30+ URL-safe characters>}, as Telegram issues them (also right after "/bot" in a URL). */
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]{30,}");
    /**
     * 64 hex digits standing alone: a private key, but also a condition id or a transaction hash. Only the first and
     * last four digits survive, enough to tell markets apart in a log and useless to anyone holding a key.
     */
    private static final Pattern HEX64 = Pattern.compile("(?<![0-9A-Za-z])(0x)?([0-9a-fA-F]{4})[0-9a-fA-F]{56}"
            + "([0-9a-fA-F]{4})(?![0-9A-Za-z])");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    private static final SecretMasker SHAPES_ONLY = new SecretMasker(List.of());

    private final List<String> literals;

    private SecretMasker(List<String> literals) {
        this.literals = literals;
    }

    /** A masker for the secret shapes alone (before the settings are known). */
    public static SecretMasker shapesOnly() {
        return SHAPES_ONLY;
    }

    /**
     * A masker that also replaces these exact values (blank and very short ones are ignored). A hex value is
     * registered with and without its {@code 0x} prefix, since code may print either form.
     */
    public static SecretMasker of(Collection<String> secrets) {
        List<String> values = new ArrayList<>();
        for (String s : secrets) {
            if (s == null) {
                continue;
            }
            String v = s.strip();
            if (v.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            values.add(v);
            if (v.startsWith("0x") || v.startsWith("0X")) {
                values.add(v.substring(2));
            }
        }
        // longest first, so a secret that contains another is replaced whole
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(values.stream().distinct().toList()));
    }

    /** How many exact values this masker replaces (prefix variants included). */
    public int literalCount() {
        return literals.size();
    }

    /** {@code line} with every secret replaced. */
    public String mask(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String out = line;
        for (String s : literals) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        out = TELEGRAM_TOKEN.matcher(out).replaceAll(MASK);
        out = BEARER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        Matcher hex = HEX64.matcher(out);
        if (hex.find()) {
            StringBuilder b = new StringBuilder();
            do {
                String prefix = hex.group(1) == null ? "" : hex.group(1);
                hex.appendReplacement(b, Matcher.quoteReplacement(prefix + hex.group(2) + "…" + hex.group(3)));
            } while (hex.find());
            hex.appendTail(b);
            out = b.toString();
        }
        return out;
    }
}
