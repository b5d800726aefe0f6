package dev.podgrep.app.names;

/**
 * Bounded edit distance between two keys, as Lucene's fuzzy query with transpositions measures it.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * The optimal-string-alignment distance (Levenshtein plus transposition of two adjacent code points,
     * no substring edited twice: {@code "ca"} and {@code "abc"} are 3 apart), or {@code max + 1} as soon as
     * it is known to exceed {@code max}.
     */
    public static int osa(String a, String b, int max) {
        if (a.equals(b)) {
            return 0;
        }
        int[] s = a.codePoints().toArray();
        int[] t = b.codePoints().toArray();
        int n = s.length;
        int m = t.length;
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = s[i - 1] == t[j - 1] ? 0 : 1;
                int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
                    d = Math.min(d, prev2[j - 2] + 1);
                }
                cur[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] tmp = prev2;
            prev2 = prev;
            prev = cur;
            cur = tmp;
        }
        return Math.min(prev[m], max + 1);
    }
}
