package dev.podgrep.app.search.query;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link WordMatcher} found in one segment.
 *
 * @param matches every required term occurs and no excluded term does
 * @param words   when {@code matches}: the indices of the words to mark, each with how it matched (the best tier
 *                wins when a word matched several terms or tiers); empty otherwise
 * @param kind    when {@code matches}: the hit's match kind, the weakest of the best tiers of its required terms
 *                (a segment where one word matched exactly and another only by sound is a {@link Kind#SOUND}
 *                hit); null otherwise
 * @param heardAs the transcript words, as spoken, of the first best occurrence of each required term whose words
 *                differ from the query's (ignoring case); empty when they all read as typed
 */
public record SegmentMatch(boolean matches, SortedMap<Integer, Kind> words, Kind kind, List<String> heardAs) {

    /**
     * How a word matched, best first (the ranking tiers): the same match key; the same stem (another inflected
     * form); the same sound code (a misspelling or a name split into sound-alike words); a key within a few edits.
     */
    public enum Kind {
        EXACT, STEM, SOUND, FUZZY;

        /** The wire name ({@code exact}, {@code stem}, {@code sound}, {@code fuzzy}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The answer for a segment that is not a hit. */
    public static final SegmentMatch NONE = new SegmentMatch(false, new TreeMap<>(), null, List.of());

    /** Best first: hits before non-hits, then by {@link #kind()} (exact hits before stem, sound, fuzzy ones). */
    public static final Comparator<SegmentMatch> BEST_FIRST = Comparator
            .comparing((SegmentMatch m) -> !m.matches())
            .thenComparing(m -> m.kind() == null ? Kind.values().length : m.kind().ordinal());

    public SegmentMatch {
        words = Collections.unmodifiableSortedMap(new TreeMap<>(words));
        heardAs = List.copyOf(heardAs);
    }

    /** Every required term matched exactly somewhere. */
    public boolean exact() {
        return matches && kind == Kind.EXACT;
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
