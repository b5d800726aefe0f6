package dev.podgrep.app.search.query;

import dev.podgrep.app.names.EditDistance;
import dev.podgrep.app.names.Fuzziness;
import dev.podgrep.app.names.MatchKey;
import dev.podgrep.app.names.SoundKey;
import dev.podgrep.app.names.Stem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides in the application which words of a segment match a {@link ParsedQuery}, and how, with the same
 * semantics as the Elasticsearch query the search service sends, so that hits, highlights, {@code matchSeconds},
 * {@code matchKind} and {@code heardAs} agree with what Elasticsearch found.
 *
 * <ul>
 *   <li>Required {@link QueryTerm.Word}, in tiers ({@link SegmentMatch.Kind}): a transcript key equal to the query
 *       key ({@code EXACT}); a transcript stem ({@link Stem}) among the word's {@link QueryTerm.Word#stems()}
 *       ({@code STEM}); a run of one to three adjacent transcript words with a sound code ({@link SoundKey}) among
 *       the word's {@link QueryTerm.Word#sounds()} ({@code SOUND}); a key within {@link QueryTerm.Word#maxEdits()}
 *       edits ({@code FUZZY}, see {@link Fuzziness}).</li>
 *   <li>Required {@link QueryTerm.Phrase}: its keys at consecutive positions ({@code EXACT}) or its stems at
 *       consecutive positions ({@code STEM}); a placeholder word in between breaks the phrase, as it does for
 *       Elasticsearch.</li>
 *   <li>Excluded words and phrases match exact keys only.</li>
 *   <li>A segment is a hit when every required term matches somewhere and no excluded term does. All
 *       occurrences of all required terms are marked (the best tier per word); the first marked word gives
 *       {@code matchSeconds}.</li>
 * </ul>
 * Elasticsearch's {@code max_expansions} (default 50 terms per shard) may make it consider fewer fuzzy variants
 * than this class accepts; this class is only asked about segments Elasticsearch returned, so that can only cause
 * a rare extra fuzzy highlight, never a wrong hit.
 */
public final class WordMatcher {

    private WordMatcher() {
    }

    /** Matches transcript words (display text); their keys and stems are computed here. */
    public static SegmentMatch matchWords(List<String> words, ParsedQuery query) {
        return match(words, MatchKey.keysOf(words), query);
    }

    /**
     * Matches a segment given by its match keys only (as stored in the {@code keys} field; {@link MatchKey#PLACEHOLDER}
     * or empty for words without a key). Without the words themselves there are no stems: stem matches of words
     * whose stem differs from their key are not seen, and {@code heardAs} holds keys.
     */
    public static SegmentMatch match(List<String> keys, ParsedQuery query) {
        return match(keys, keys, query);
    }

    /**
     * Matches a segment given by its words as spoken and their match keys (one per word,
     * {@link MatchKey#PLACEHOLDER} for words without one).
     */
    public static SegmentMatch match(List<String> words, List<String> keys, ParsedQuery query) {
        return match(words, keys, query, null);
    }

    /**
     * Every occurrence of the query's required terms in a segment that is a hit, in reading order, none
     * overlapping another: a word belongs to at most one occurrence (of overlapping ones the earliest wins, then
     * the better tier, then the longer). A phrase is one occurrence; so is a name heard as a run of sound-alike
     * words. Empty when the segment is not a hit. What the keyword-in-context export lists, one row each.
     */
    public static List<Occurrence> occurrences(List<String> words, List<String> keys, ParsedQuery query) {
        List<Occurrence> all = new ArrayList<>();
        if (!match(words, keys, query, all).matches()) {
            return List.of();
        }
        all.sort(Comparator.comparingInt(Occurrence::from)
                .thenComparing(Occurrence::kind)
                .thenComparing(Comparator.comparingInt(Occurrence::length).reversed()));
        List<Occurrence> kept = new ArrayList<>();
        int end = 0;
        for (Occurrence o : all) {
            if (o.from() >= end) {
                kept.add(o);
                end = o.to();
            }
        }
        return List.copyOf(kept);
    }

    private static SegmentMatch match(List<String> words, List<String> keys, ParsedQuery query,
                                      List<Occurrence> all) {
        for (QueryTerm term : query.excluded()) {
            boolean found = switch (term) {
                case QueryTerm.Word w -> keys.contains(w.key());
                case QueryTerm.Phrase p -> indexOfSequence(keys, p.keys(), 0) >= 0;
            };
            if (found) {
                return SegmentMatch.NONE;
            }
        }
        Segment segment = new Segment(words, keys);
        SortedMap<Integer, SegmentMatch.Kind> marked = new TreeMap<>();
        SegmentMatch.Kind weakest = SegmentMatch.Kind.EXACT;
        List<String> heardAs = new ArrayList<>();
        for (QueryTerm term : query.required()) {
            Occurrence best = switch (term) {
                case QueryTerm.Word w -> matchWord(segment, w, marked, all);
                case QueryTerm.Phrase p -> matchPhrase(segment, p, marked, all);
            };
            if (best == null) {
                return SegmentMatch.NONE;
            }
            if (best.kind().ordinal() > weakest.ordinal()) {
                weakest = best.kind();
            }
            String spoken = String.join(" ", words.subList(best.from(), best.to()));
            if (!spoken.toLowerCase(Locale.ROOT).equals(term.text().toLowerCase(Locale.ROOT))
                    && !heardAs.contains(spoken)) {
                heardAs.add(spoken);
            }
        }
        return new SegmentMatch(true, marked, weakest, heardAs);
    }

    /** How one transcript word matches a query word on its own (no runs): a kind, or null for no match. */
    public static SegmentMatch.Kind matchKey(String word, String key, QueryTerm.Word term) {
        if (key == null || key.isEmpty() || key.equals(MatchKey.PLACEHOLDER)) {
            return null;
        }
        if (key.equals(term.key())) {
            return SegmentMatch.Kind.EXACT;
        }
        if (term.stems().contains(Stem.of(word))) {
            return SegmentMatch.Kind.STEM;
        }
        Set<String> sounds = term.sounds();
        if (!sounds.isEmpty() && !Collections.disjoint(SoundKey.codes(key), sounds)) {
            return SegmentMatch.Kind.SOUND;
        }
        int max = term.maxEdits();
        return max > 0 && EditDistance.osa(key, term.key(), max) <= max ? SegmentMatch.Kind.FUZZY : null;
    }

    /** A matched stretch of words {@code [from, to)} of a segment and how it matched. */
    public record Occurrence(int from, int to, SegmentMatch.Kind kind) {

        /** How many words. */
        public int length() {
            return to - from;
        }
    }

    /** A segment's words, keys and (computed on first use) stems and run sound codes. */
    private static final class Segment {
        final List<String> words;
        final List<String> keys;
        private List<String> stems;
        private List<List<Set<String>>> runs;

        Segment(List<String> words, List<String> keys) {
            this.words = words;
            this.keys = keys;
        }

        List<String> stems() {
            if (stems == null) {
                stems = words == keys ? keys : Stem.stemsOf(words);
            }
            return stems;
        }

        List<List<Set<String>>> runs() {
            if (runs == null) {
                runs = SoundKey.runCodes(keys);
            }
            return runs;
        }
    }

    private static Occurrence matchWord(Segment s, QueryTerm.Word term, SortedMap<Integer, SegmentMatch.Kind> marked,
                                        List<Occurrence> all) {
        Occurrence best = null;
        List<String> stems = term.stems();
        Set<String> sounds = term.sounds();
        int max = term.maxEdits();
        for (int i = 0; i < s.keys.size(); i++) {
            String key = s.keys.get(i);
            if (key == null || key.isEmpty() || key.equals(MatchKey.PLACEHOLDER)) {
                continue;
            }
            Occurrence found = null;
            if (key.equals(term.key())) {
                found = new Occurrence(i, i + 1, SegmentMatch.Kind.EXACT);
            } else if (stems.contains(s.stems().get(i))) {
                found = new Occurrence(i, i + 1, SegmentMatch.Kind.STEM);
            } else if (!sounds.isEmpty()) {
                List<Set<String>> runs = s.runs().get(i);
                for (int len = 1; len <= runs.size() && found == null; len++) {
                    if (!Collections.disjoint(runs.get(len - 1), sounds)) {
                        found = new Occurrence(i, i + len, SegmentMatch.Kind.SOUND);
                    }
                }
            }
            if (found == null && max > 0 && EditDistance.osa(key, term.key(), max) <= max) {
                found = new Occurrence(i, i + 1, SegmentMatch.Kind.FUZZY);
            }
            if (found != null) {
                if (all != null) {
                    all.add(found);
                }
                for (int w = found.from(); w < found.to(); w++) {
                    mark(marked, w, found.kind());
                }
                if (best == null || found.kind().ordinal() < best.kind().ordinal()) {
                    best = found;
                }
            }
        }
        return best;
    }

    private static Occurrence matchPhrase(Segment s, QueryTerm.Phrase phrase,
                                          SortedMap<Integer, SegmentMatch.Kind> marked, List<Occurrence> all) {
        Occurrence best = null;
        int n = phrase.keys().size();
        for (int at = indexOfSequence(s.keys, phrase.keys(), 0); at >= 0; at = indexOfSequence(s.keys, phrase.keys(), at + 1)) {
            for (int i = at; i < at + n; i++) {
                mark(marked, i, SegmentMatch.Kind.EXACT);
            }
            if (all != null) {
                all.add(new Occurrence(at, at + n, SegmentMatch.Kind.EXACT));
            }
            if (best == null) {
                best = new Occurrence(at, at + n, SegmentMatch.Kind.EXACT);
            }
        }
        List<String> stems = phrase.stems();
        for (int at = indexOfSequence(s.stems(), stems, 0); at >= 0; at = indexOfSequence(s.stems(), stems, at + 1)) {
            for (int i = at; i < at + n; i++) {
                mark(marked, i, SegmentMatch.Kind.STEM);
            }
            if (all != null) {
                all.add(new Occurrence(at, at + n, SegmentMatch.Kind.STEM));
            }
            if (best == null) {
                best = new Occurrence(at, at + n, SegmentMatch.Kind.STEM);
            }
        }
        return best;
    }

    private static int indexOfSequence(List<String> keys, List<String> sequence, int from) {
        outer:
        for (int i = from; i + sequence.size() <= keys.size(); i++) {
            for (int j = 0; j < sequence.size(); j++) {
                if (!sequence.get(j).equals(keys.get(i + j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void mark(SortedMap<Integer, SegmentMatch.Kind> marked, int index, SegmentMatch.Kind kind) {
        marked.merge(index, kind, (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
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
