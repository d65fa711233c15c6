package updown.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import updown.domain.Direction;
import updown.domain.Kst;
import updown.domain.Micros;
import updown.domain.Ratio;
import updown.domain.Usd;

/** How numbers and times read in a message. Money text comes from {@link Usd#format()}; times are KST. */
final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(Kst.ZONE);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(Kst.ZONE);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(Kst.ZONE);
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Kst.ZONE);

    private Fmt() {
    }

    /** "$12.50", "-$3.20". */
    static String usd(Usd amount) {
        return dollars(amount == null ? null : amount.format());
    }

    /** A money value as the trade view holds it ("12.50", "-3.20"), as "$12.50", "-$3.20"; null is "n/a". */
    static String dollars(String decimal) {
        if (decimal == null) {
            return "n/a";
        }
        return decimal.startsWith("-") ? "-$" + decimal.substring(1) : "$" + decimal;
    }

    /** P&amp;L with an explicit sign: "+$9.05", "-$10.17", "$0.00". */
    static String signed(Usd amount) {
        return signedDollars(amount == null ? null : amount.format());
    }

    /** {@link #signed(Usd)} of a money value as the trade view holds it. */
    static String signedDollars(String decimal) {
        if (decimal == null) {
            return "n/a";
        }
        boolean positive = !decimal.startsWith("-") && decimal.chars().anyMatch(c -> c >= '1' && c <= '9');
        return positive ? "+" + dollars(decimal) : dollars(decimal);
    }

    /** A ratio as a percentage with one decimal: 0.583333 → "58.3%". */
    static String pct(Ratio ratio) {
        return percent(ratio == null ? null : ratio.format());
    }

    /** {@link #pct(Ratio)} of a ratio as the trade view holds it ("0.583333"). */
    static String percent(String decimal) {
        if (decimal == null) {
            return "n/a";
        }
        BigDecimal p = new BigDecimal(decimal).movePointRight(2).setScale(1, Micros.ROUNDING);
        return p.toPlainString() + "%";
    }

    /** A price or share count as the trade view holds it; null is "n/a". */
    static String value(String decimal) {
        return decimal == null ? "n/a" : decimal;
    }

    /** "BUY UP", "BUY DOWN", "ARB". */
    static String side(Direction side) {
        return switch (side) {
            case BUY_UP -> "BUY UP";
            case BUY_DOWN -> "BUY DOWN";
            case ARB -> "ARB";
            case SKIP -> "SKIP";
        };
    }

    /** "20:11:05 KST". */
    static String time(Instant at) {
        return at == null ? "n/a" : TIME.format(at) + " KST";
    }

    /** "20:15" (KST, no suffix: used where the line already says KST). */
    static String hm(Instant at) {
        return at == null ? "n/a" : HM.format(at);
    }

    /** "05-12 20:11" (KST, no suffix). */
    static String shortDateTime(Instant at) {
        return at == null ? "n/a" : SHORT.format(at);
    }

    /** "2026-05-12 20:11:05 KST". */
    static String dateTime(Instant at) {
        return at == null ? "n/a" : FULL.format(at) + " KST";
    }

    static String date(LocalDate day) {
        return day == null ? "n/a" : day.toString();
    }
}
