package updown.config;

/**
 * The Damerau–Levenshtein distance in its "optimal string alignment" form: the fewest single-character insertions,
 * deletions, substitutions and swaps of two neighbours that turn one string into the other. A mistyped setting name
 * ({@code BET_SIZ}, {@code EMA_FASTT}, {@code MAX_ENRTY_PRICE}) is one or two such edits from the real one.
 */
final class EditDistance {
    private EditDistance() {
    }

    static int between(String a, String b) {
        int n = a.length();
        int m = b.length();
        // three rows are enough: a swap looks two rows back
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return previous[m];
    }
}
