package dev.podgrep.app.search.query;

import dev.podgrep.app.names.MatchKey;
import dev.podgrep.app.names.Tokens;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the user's {@code q} into a {@link ParsedQuery}. User text never becomes Elasticsearch query syntax:
 * the only operators are these, everything else is text cut into words by {@link Tokens#split(String)} (the
 * tokeniser the indexer's words agree with), so {@code * : ( ) \ / ~ ^ [ ] { } ! ? & | < > = +} only separate
 * words and {@code AND}, {@code OR}, {@code NOT} are ordinary words.
 *
 * <ul>
 *   <li>{@code word} – a required word (all required terms must match). A chunk between spaces that holds
 *       several tokens ({@code Navalny/Putin}) gives several required words.</li>
 *   <li>{@code "a phrase"} – the words in this order, adjacent, each exact. Quotes may be ASCII or
 *       typographic ({@code “ ” „ ‟ « » ＂}); any of them closes a phrase. A quoted single word is an exact
 *       (non-fuzzy) word. An empty or punctuation-only phrase is ignored.</li>
 *   <li>{@code -word}, {@code -"a phrase"} – exclusions: a segment containing them (exact keys) is not a
 *       hit. The minus ({@code -} or {@code −}, repeated or not) must start a chunk; inside a word a hyphen
 *       is part of it ({@code well-known}); a lone minus is ignored.</li>
 *   <li>An unbalanced quote opens a phrase that runs to the end of the query ({@code Alexei "navalny said}
 *       = word {@code Alexei} + phrase {@code navalny said}), which is what the user began to type.</li>
 *   <li>Tokens whose match key is empty are dropped; duplicate terms are dropped.</li>
 * </ul>
 *
 * <p>Refused with an {@link InvalidQueryException} whose message is meant for the user: a null, empty or
 * blank query; more than {@value #MAX_LENGTH} characters (code points, counted before parsing); a query with
 * nothing searchable; a query with only exclusions; more than {@value #MAX_TERMS} terms (words, phrases and
 * exclusions after de-duplication; a phrase counts as one term).
 */
public final class QueryParser {

    /** Most characters (code points) a query may have. */
    public static final int MAX_LENGTH = 500;

    /** Most terms (required plus excluded; a phrase is one term) a query may have. */
    public static final int MAX_TERMS = 32;

    private QueryParser() {
    }

    /** Parses {@code q}; see the class comment. */
    public static ParsedQuery parse(String q) {
        if (q == null || q.isBlank()) {
            throw new InvalidQueryException("Enter a word or a \"quoted phrase\" to search for.");
        }
        int length = q.codePointCount(0, q.length());
        if (length > MAX_LENGTH) {
            throw new InvalidQueryException("The query is too long: " + length + " characters, at most "
                    + MAX_LENGTH + " are allowed.");
        }
        Terms required = new Terms();
        Terms excluded = new Terms();
        int n = q.length();
        int i = 0;
        while (i < n) {
            int cp = q.codePointAt(i);
            if (isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            boolean exclude = false;
            if (isMinus(cp)) {
                int j = i;
                while (j < n && isMinus(q.codePointAt(j))) {
                    j += Character.charCount(q.codePointAt(j));
                }
                i = j;
                if (j == n || isSpace(q.codePointAt(j))) {
                    continue; // a lone minus
                }
                exclude = true;
                cp = q.codePointAt(i);
            }
            Terms target = exclude ? excluded : required;
            if (isQuote(cp)) {
                int from = i + Character.charCount(cp);
                int close = from;
                while (close < n && !isQuote(q.codePointAt(close))) {
                    close += Character.charCount(q.codePointAt(close));
                }
                target.addPhrase(Tokens.split(q.substring(from, close)));
                i = close < n ? close + Character.charCount(q.codePointAt(close)) : n;
            } else {
                int end = i;
                while (end < n && !isSpace(q.codePointAt(end)) && !isQuote(q.codePointAt(end))) {
                    end += Character.charCount(q.codePointAt(end));
                }
                for (String token : Tokens.split(q.substring(i, end))) {
                    target.addWord(token);
                }
                i = end;
            }
        }
        if (required.list.isEmpty()) {
            if (!excluded.list.isEmpty()) {
                throw new InvalidQueryException("The query only excludes words (-word): add at least one word"
                        + " or \"phrase\" to find.");
            }
            throw new InvalidQueryException("The query has no words to search for (punctuation and symbols are"
                    + " ignored).");
        }
        int terms = required.list.size() + excluded.list.size();
        if (terms > MAX_TERMS) {
            throw new InvalidQueryException("The query has " + terms + " words and phrases, at most " + MAX_TERMS
                    + " are allowed.");
        }
        return new ParsedQuery(q, required.list, excluded.list);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static boolean isMinus(int cp) {
        return cp == '-' || cp == '\u2212';
    }

    static boolean isQuote(int cp) {
        return switch (cp) {
            case '"', '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\uFF02' -> true;
            default -> false;
        };
    }

    /** Terms in the order typed, without duplicates (same kind and same keys). */
    private static final class Terms {
        final List<QueryTerm> list = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        void addWord(String token) {
            String key = MatchKey.of(token);
            if (!key.isEmpty() && seen.add("w " + key)) {
                list.add(new QueryTerm.Word(token, key));
            }
        }

        void addPhrase(List<String> tokens) {
            List<String> words = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (String token : tokens) {
                String key = MatchKey.of(token);
                if (!key.isEmpty()) {
                    words.add(token);
                    keys.add(key);
                }
            }
            if (!keys.isEmpty() && seen.add("p " + String.join(" ", keys))) {
                list.add(new QueryTerm.Phrase(words, keys));
            }
        }
    }
}
