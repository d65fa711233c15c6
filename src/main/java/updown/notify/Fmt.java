package updown.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import updown.domain.Direction;
import updown.domain.Kst;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
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
        if (amount == null) {
            return "n/a";
        }
        return amount.isNegative() ? "-$" + amount.negate().format() : "$" + amount.format();
    }

    /** P&amp;L with an explicit sign: "+$9.05", "-$10.17", "$0.00". */
    static String signed(Usd amount) {
        if (amount == null) {
            return "n/a";
        }
        return amount.isPositive() ? "+" + usd(amount) : usd(amount);
    }

    /** A ratio as a percentage with one decimal: 0.583333 → "58.3%". */
    static String pct(Ratio ratio) {
        if (ratio == null) {
            return "n/a";
        }
        BigDecimal p = ratio.toBigDecimal().movePointRight(2).setScale(1, Micros.ROUNDING);
        return p.toPlainString() + "%";
    }

    static String price(Price price) {
        return price == null ? "n/a" : price.format();
    }

    static String shares(Shares shares) {
        return shares == null ? "n/a" : shares.format();
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
