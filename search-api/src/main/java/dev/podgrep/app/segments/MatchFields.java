package dev.podgrep.app.segments;

import dev.podgrep.app.names.MatchKey;
import dev.podgrep.app.names.SoundKey;
import dev.podgrep.app.names.Stem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The match fields of a segment, computed from its words exactly as the query side computes them for query words
 * (see {@link SegmentsIndex} for how each field is searched and counted).
 *
 * @param keys        {@link MatchKey#keysOf(List)} joined by spaces
 * @param stems       {@link Stem#stemsOf(List)} joined by spaces (same positions)
 * @param sounds      every sound code of the segment's words and runs, joined by spaces
 * @param occurrences one per word with a key
 */
public record MatchFields(String keys, String stems, String sounds, List<SegmentDocument.Occurrence> occurrences) {

    /** Most words of a phrase that trends can count (the longest n-gram stored per occurrence). */
    public static final int MAX_COUNTED_PHRASE = 4;

    /** The match fields of a segment's words (display text). */
    public static MatchFields of(List<String> words) {
        List<String> keys = MatchKey.keysOf(words);
        List<String> stems = Stem.stemsOf(words);
        List<List<Set<String>>> runs = SoundKey.runCodes(keys);
        Set<String> sounds = new LinkedHashSet<>();
        List<SegmentDocument.Occurrence> occurrences = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Set<String> here = new LinkedHashSet<>();
            runs.get(i).forEach(here::addAll);
            sounds.addAll(here);
            if (keys.get(i).equals(MatchKey.PLACEHOLDER)) {
                continue;
            }
            occurrences.add(new SegmentDocument.Occurrence(keys.get(i), stems.get(i), List.copyOf(here),
                    phrases(keys, i), phrases(stems, i)));
        }
        return new MatchFields(String.join(" ", keys), String.join(" ", stems), String.join(" ", sounds),
                occurrences);
    }

    /** The space-joined n-grams of 2..{@value #MAX_COUNTED_PHRASE} terms starting at {@code from}, no placeholder. */
    private static List<String> phrases(List<String> terms, int from) {
        List<String> phrases = new ArrayList<>(MAX_COUNTED_PHRASE - 1);
        StringBuilder b = new StringBuilder(terms.get(from));
        for (int n = 2; n <= MAX_COUNTED_PHRASE && from + n - 1 < terms.size(); n++) {
            String next = terms.get(from + n - 1);
            if (next.equals(MatchKey.PLACEHOLDER)) {
                break;
            }
            b.append(' ').append(next);
            phrases.add(b.toString());
        }
        return phrases;
    }
}
