package updown.notify;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import updown.domain.Usd;

/** Reads "/cmd@BotName arg1 arg2" as a command name and its arguments. Pure. */
final class CommandParser {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern AMOUNT = Pattern.compile("\\$?(\\d{1,10})(\\.\\d{1,2})?");
    static final int HISTORY_DEFAULT = 10;
    static final int HISTORY_MAX = 50;

    /** A command addressed to us: lower-case name without the slash and without "@bot". */
    record Parsed(String name, List<String> args) {
        Parsed {
            args = List.copyOf(args);
        }
    }

    private CommandParser() {
    }

    /**
     * The command in {@code text}, or empty when the text is not a command or is addressed to another bot
     * ({@code /status@other_bot} in a group). {@code botUserName} may be null while unknown; then any suffix is
     * accepted.
     */
    static Optional<Parsed> parse(String text, String botUserName) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (!t.startsWith("/") || t.length() < 2) {
            return Optional.empty();
        }
        String[] words = t.substring(1).split("\\s+");
        String head = words[0];
        int at = head.indexOf('@');
        String name = (at >= 0 ? head.substring(0, at) : head).toLowerCase(Locale.ROOT);
        if (at >= 0) {
            String target = head.substring(at + 1);
            if (botUserName != null && !target.equalsIgnoreCase(botUserName)) {
                return Optional.empty();
            }
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(name, Arrays.asList(words).subList(1, words.length)));
    }

    /** /history's N: absent → 10, a whole number 1..50 → N, anything else → empty (answer with the usage line). */
    static Optional<Integer> historyCount(List<String> args) {
        if (args.isEmpty()) {
            return Optional.of(HISTORY_DEFAULT);
        }
        if (args.size() > 1 || !args.get(0).matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(args.get(0));
        return n >= 1 && n <= HISTORY_MAX ? Optional.of(n) : Optional.empty();
    }

    /**
     * /topup's amount: dollars with at most two decimals ("100", "$25.50"), positive and at most {@code max}.
     * Absent → {@code fallback}. Anything else → empty.
     */
    static Optional<Usd> topUpAmount(List<String> args, Usd fallback, Usd max) {
        Usd amount;
        if (args.isEmpty()) {
            amount = fallback;
        } else {
            if (args.size() > 1 || !AMOUNT.matcher(args.get(0)).matches()) {
                return Optional.empty();
            }
            amount = Usd.of(new BigDecimal(args.get(0).replace("$", "")));
        }
        if (!amount.isPositive() || amount.greaterThan(max)) {
            return Optional.empty();
        }
        return Optional.of(amount);
    }
}
