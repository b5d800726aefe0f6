package dev.podgrep.app.search.query;

import java.util.Collections;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link WordMatcher} found in one segment.
 *
 * @param matches    every required term occurs and no excluded term does
 * @param words      when {@code matches}: the indices of the words to mark, each with how it matched
 *                   ({@link Kind#EXACT} wins when a word matched several terms); empty otherwise
 * @param exactTerms required terms with at least one exact occurrence
 * @param fuzzyTerms required terms that occur only fuzzily
 */
public record SegmentMatch(boolean matches, SortedMap<Integer, Kind> words, int exactTerms, int fuzzyTerms) {

    /** How a word matched. */
    public enum Kind { EXACT, FUZZY }

    /** The answer for a segment that is not a hit. */
    public static final SegmentMatch NONE = new SegmentMatch(false, new TreeMap<>(), 0, 0);

    /**
     * Best first: hits before non-hits, then fewer fuzzy-only terms (all-exact segments rank above any
     * segment that needed fuzzy matching). Ties are left to the caller (e.g. Elasticsearch's score).
     */
    public static final Comparator<SegmentMatch> BEST_FIRST = Comparator
            .comparing((SegmentMatch m) -> !m.matches())
            .thenComparingInt(SegmentMatch::fuzzyTerms);

    public SegmentMatch {
        words = Collections.unmodifiableSortedMap(new TreeMap<>(words));
    }

    /** Every required term matched exactly somewhere (a hit without fuzzy matching). */
    public boolean exact() {
        return matches && fuzzyTerms == 0;
    }

    /** The index of the first marked word (its start is {@code matchSeconds}), or -1 when not a hit. */
    public int firstMatchedWord() {
        return words.isEmpty() ? -1 : words.firstKey();
    }

    /** The indices of the marked words, ascending. */
    public SortedSet<Integer> matchedWords() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(words.keySet()));
    }
}
