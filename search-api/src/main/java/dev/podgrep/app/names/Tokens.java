package dev.podgrep.app.names;

import java.util.ArrayList;
import java.util.List;

/**
 * The one tokeniser of podgrep: cuts free text (a query, a publisher's cue text) into words.
 *
 * <p>A token is a run of letters, digits and combining marks. One <em>joiner</em> between two such
 * characters stays inside the token:
 * <ul>
 *   <li>apostrophes {@code ' ’ ‘ ` ´ ′ ʼ ʹ ʻ ʽ} ({@code don't}, {@code Navalny's}, {@code O'Brien}),</li>
 *   <li>hyphens {@code - ‐ ‑} ({@code кто-то}, {@code Римский-Корсаков}, {@code COVID-19}),</li>
 *   <li>a dot ({@code U.S}, {@code meduza.io}, {@code 3.5}),</li>
 *   <li>a comma or colon between two digits ({@code 1,000}, {@code 10:30}),</li>
 *   <li>invisible format characters (soft hyphen, zero-width joiners).</li>
 * </ul>
 * Everything else separates tokens: whitespace, other punctuation and every symbol, including all of
 * Elasticsearch's query syntax {@code * : ( ) \ / ~ ^ [ ] { } ! ? & | < > = + "}. A joiner at the edge of a
 * token is dropped ({@code "Navalny,"} → {@code Navalny}; {@code 'quoted'} → {@code quoted}).
 *
 * <p>Tokens are returned as written (not normalised); {@link MatchKey#of(String)} makes their keys. Joiners
 * are not letters, so the key of a token never depends on them ({@code кто-то → ktoto}), which is what
 * makes a transcript word that is a single token meet the same token typed in a query.
 */
public final class Tokens {

    private Tokens() {
    }

    /** The tokens of {@code text} in order; empty for null, blank or punctuation-only text. */
    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        int n = text.length();
        int start = -1; // start of the current token, -1 when outside a token
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
                i += len;
                continue;
            }
            if (start >= 0 && i + len < n) {
                int prev = text.codePointBefore(i);
                int next = text.codePointAt(i + len);
                if (isWordChar(next) && isJoiner(cp, prev, next)) {
                    i += len;
                    continue;
                }
            }
            if (start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            }
            i += len;
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /** Letters (apostrophe-like modifier letters excepted), digits and combining marks. */
    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return !isApostrophe(cp);
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Apostrophe-like characters, some of which Unicode classes as (modifier) letters. */
    static boolean isApostrophe(int cp) {
        return switch (cp) {
            case '\'', '\u2019', '\u2018', '`', '\u00B4', '\u2032', '\u02BC', '\u02B9', '\u02BB', '\u02BD',
                 '\u02BE', '\u02BF' -> true;
            default -> false;
        };
    }

    private static boolean isJoiner(int cp, int prev, int next) {
        if (isApostrophe(cp) || cp == '-' || cp == '\u2010' || cp == '\u2011' || cp == '.') {
            return true;
        }
        if (cp == ',' || cp == ':') {
            return Character.isDigit(prev) && Character.isDigit(next);
        }
        return Character.getType(cp) == Character.FORMAT;
    }
}
