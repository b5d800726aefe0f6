package dev.podgrep.app.search.query;


import dev.podgrep.app.names.MatchKey;
import dev.podgrep.app.names.EditDistance;
import dev.podgrep.app.names.Fuzziness;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides in the application which words of a segment match a {@link ParsedQuery}, with the same semantics as
 * the Elasticsearch query the search service sends against the {@code keys} field, so that hits, highlights,
 * {@code matchSeconds} and the exact-before-fuzzy ranking agree with what Elasticsearch found.
 *
 * <ul>
 *   <li>Required {@link QueryTerm.Word}: a transcript key equal to the query key matches
 *       {@link SegmentMatch.Kind#EXACT EXACT}; otherwise a key within {@link QueryTerm.Word#maxEdits()}
 *       edits matches {@link SegmentMatch.Kind#FUZZY FUZZY} (see {@link Fuzziness}: 0 edits below 5 letters,
 *       1 for 5–7, 2 from 8; transpositions count as one edit). Elasticsearch: {@code term} on {@code keys}
 *       or {@code fuzzy} with {@code fuzziness "AUTO:5,8"}, {@code transpositions true},
 *       {@code prefix_length 0}.</li>
 *   <li>Required {@link QueryTerm.Phrase}: its keys at consecutive positions, each exactly (a placeholder
 *       word in between breaks the phrase, as it does for Elasticsearch). Elasticsearch:
 *       {@code match_phrase} on {@code keys} with {@link QueryTerm.Phrase#keysText()}, slop 0.</li>
 *   <li>Excluded words and phrases match exactly only. Elasticsearch: {@code must_not} {@code term} /
 *       {@code match_phrase}.</li>
 *   <li>A segment is a hit when every required term matches somewhere and no excluded term does. All
 *       occurrences of all required terms are marked; the first marked word gives {@code matchSeconds}.</li>
 * </ul>
 * Elasticsearch's {@code max_expansions} (default 50 terms per shard) may make it consider fewer fuzzy
 * variants than this class accepts; this class is only asked about segments Elasticsearch returned, so that
 * can only cause a rare extra fuzzy highlight, never a wrong hit.
 */
public final class WordMatcher {

    private WordMatcher() {
    }

    /** Matches transcript words (display text); their keys are computed with {@link MatchKey#keysOf(List)}. */
    public static SegmentMatch matchWords(List<String> words, ParsedQuery query) {
        return match(MatchKey.keysOf(words), query);
    }

    /**
     * Matches a segment given by its match keys, one per word (as stored in the {@code keys} field;
     * {@link MatchKey#PLACEHOLDER} or empty for words without a key).
     */
    public static SegmentMatch match(List<String> keys, ParsedQuery query) {
        for (QueryTerm term : query.excluded()) {
            boolean found = switch (term) {
                case QueryTerm.Word w -> keys.contains(w.key());
                case QueryTerm.Phrase p -> indexOfPhrase(keys, p.keys(), 0) >= 0;
            };
            if (found) {
                return SegmentMatch.NONE;
            }
        }
        SortedMap<Integer, SegmentMatch.Kind> marked = new TreeMap<>();
        int exactTerms = 0;
        int fuzzyTerms = 0;
        for (QueryTerm term : query.required()) {
            SegmentMatch.Kind best = switch (term) {
                case QueryTerm.Word w -> matchWord(keys, w, marked);
                case QueryTerm.Phrase p -> matchPhrase(keys, p, marked);
            };
            if (best == null) {
                return SegmentMatch.NONE;
            }
            if (best == SegmentMatch.Kind.EXACT) {
                exactTerms++;
            } else {
                fuzzyTerms++;
            }
        }
        return new SegmentMatch(true, marked, exactTerms, fuzzyTerms);
    }

    /** How a transcript key matches a query word: EXACT, FUZZY, or null for no match. */
    public static SegmentMatch.Kind matchKey(String key, QueryTerm.Word term) {
        if (key == null || key.isEmpty() || key.equals(MatchKey.PLACEHOLDER)) {
            return null;
        }
        if (key.equals(term.key())) {
            return SegmentMatch.Kind.EXACT;
        }
        int max = term.maxEdits();
        return max > 0 && EditDistance.osa(key, term.key(), max) <= max ? SegmentMatch.Kind.FUZZY : null;
    }

    private static SegmentMatch.Kind matchWord(List<String> keys, QueryTerm.Word term,
                                               SortedMap<Integer, SegmentMatch.Kind> marked) {
        SegmentMatch.Kind best = null;
        for (int i = 0; i < keys.size(); i++) {
            SegmentMatch.Kind kind = matchKey(keys.get(i), term);
            if (kind != null) {
                mark(marked, i, kind);
                if (best == null || kind == SegmentMatch.Kind.EXACT) {
                    best = kind;
                }
            }
        }
        return best;
    }

    private static SegmentMatch.Kind matchPhrase(List<String> keys, QueryTerm.Phrase phrase,
                                                 SortedMap<Integer, SegmentMatch.Kind> marked) {
        boolean found = false;
        int at = indexOfPhrase(keys, phrase.keys(), 0);
        while (at >= 0) {
            found = true;
            for (int i = at; i < at + phrase.keys().size(); i++) {
                mark(marked, i, SegmentMatch.Kind.EXACT);
            }
            at = indexOfPhrase(keys, phrase.keys(), at + 1);
        }
        return found ? SegmentMatch.Kind.EXACT : null;
    }

    private static int indexOfPhrase(List<String> keys, List<String> phrase, int from) {
        outer:
        for (int i = from; i + phrase.size() <= keys.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!phrase.get(j).equals(keys.get(i + j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void mark(SortedMap<Integer, SegmentMatch.Kind> marked, int index, SegmentMatch.Kind kind) {
        marked.merge(index, kind, (a, b) -> a == SegmentMatch.Kind.EXACT ? a : b);
    }

    /**
     * The segment text for display: every word HTML-escaped ({@code & < > " '}), joined by single spaces, each
     * matched word wrapped in its own {@code <em>…</em>} (the words of a phrase are wrapped one by one:
     * {@code <em>Alexei</em> <em>Navalny</em>}, which keeps the markup simple and never spans a space).
     * Indices outside {@code words} are ignored.
     */
    public static String highlight(List<String> words, Set<Integer> matched) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                b.append(' ');
            }
            boolean em = matched.contains(i);
            if (em) {
                b.append("<em>");
            }
            escape(words.get(i), b);
            if (em) {
                b.append("</em>");
            }
        }
        return b.toString();
    }

    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
    }
}
