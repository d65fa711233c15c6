package updown.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import updown.domain.Trade;

/**
 * Trades as CSV: a header of {@link TradeView#KEYS}, then one row per trade with the view's values; an absent value
 * is an empty cell and the sources are joined with {@code +} ({@code EMA+Momentum}).
 */
public final class TradeCsv {
    private TradeCsv() {
    }

    public static String of(List<Trade> trades) {
        StringBuilder sb = new StringBuilder(String.join(",", TradeView.KEYS)).append('\n');
        for (Trade t : trades) {
            sb.append(row(TradeView.of(t))).append('\n');
        }
        return sb.toString();
    }

    static String row(TradeView view) {
        Map<String, Object> fields = view.fields();
        List<String> cells = new ArrayList<>(TradeView.KEYS.size());
        for (String key : TradeView.KEYS) {
            cells.add(cell(fields.get(key)));
        }
        return String.join(",", cells);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof List<?> list ? String.join("+", list.stream().map(String::valueOf).toList())
                : value.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
