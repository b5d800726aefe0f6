package dev.podgrep.app.names;

/**
 * How many edits a query key may be away from a transcript key and still match, mirroring exactly what
 * Elasticsearch does with {@code "fuzziness": "AUTO:5,9"} and {@code "transpositions": true} (the default).
 *
 * <ul>
 *   <li>The length is that of the query's <em>match key</em> in code points (Elasticsearch measures the query
 *       term it receives, which is the key), not of the word as typed: {@code Шойгу} has 5 letters but its
 *       key {@code shoygu} has 6.</li>
 *   <li>length 0–4: exact only; 5–8: one edit; 9 and more: two edits. (Two edits from 8 letters, as before, let
 *       {@code Zelensky} find {@code Lensky} and {@code зелёный}: measured on the search-quality set; a
 *       misspelt 8-letter name is also found by its sound code.)</li>
 *   <li>An edit is an insertion, deletion, substitution or transposition of two adjacent code points, in
 *       Lucene's restricted form (optimal string alignment: no substring is edited twice), see
 *       {@link EditDistance#osa(String, String, int)}.</li>
 *   <li>No prefix is required to match ({@code prefix_length} 0).</li>
 * </ul>
 */
public final class Fuzziness {

    /** The {@code fuzziness} value to send to Elasticsearch. */
    public static final String ELASTICSEARCH = "AUTO:5,9";

    /** Keys shorter than this match exactly only. */
    public static final int ONE_EDIT_FROM = 5;

    /** Keys at least this long may be two edits away. */
    public static final int TWO_EDITS_FROM = 9;

    private Fuzziness() {
    }

    /** The edits allowed for a query key (0, 1 or 2). */
    public static int maxEdits(String queryKey) {
        int len = queryKey.codePointCount(0, queryKey.length());
        if (len < ONE_EDIT_FROM) {
            return 0;
        }
        return len < TWO_EDITS_FROM ? 1 : 2;
    }
}
