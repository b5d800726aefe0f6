package dev.podgrep.app.segments;

import dev.podgrep.app.names.MatchKey;
import dev.podgrep.app.names.SoundKey;
import dev.podgrep.app.names.Stem;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;
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

    /**
     * The {@link #phraseHash(String) hashes} of the space-joined n-grams of 2..{@value #MAX_COUNTED_PHRASE} terms
     * starting at {@code from}, stopping at a placeholder.
     */
    private static List<Long> phrases(List<String> terms, int from) {
        List<Long> phrases = new ArrayList<>(MAX_COUNTED_PHRASE - 1);
        StringBuilder b = new StringBuilder(terms.get(from));
        for (int n = 2; n <= MAX_COUNTED_PHRASE && from + n - 1 < terms.size(); n++) {
            String next = terms.get(from + n - 1);
            if (next.equals(MatchKey.PLACEHOLDER)) {
                break;
            }
            b.append(' ').append(next);
            phrases.add(phraseHash(b.toString()));
        }
        return phrases;
    }

    /**
     * The 64-bit hash under which an n-gram of keys or stems ({@code "central bank"}) is indexed for counting: the
     * first half of MurmurHash3 x64 128 of its UTF-8 bytes. Stored as a number instead of the string because
     * almost every n-gram is unique: as strings they made the terms dictionary 45% of the index (measured on the
     * latency benchmark's corpus); as numbers they cost 8 bytes each in a points index. A collision between two
     * different n-grams (probability about n²/2⁶⁵, one in ten million for a million-segment archive's ~36 million
     * n-grams) would only count a wrong n-gram inside a segment that already matches the whole query.
     */
    public static long phraseHash(String ngram) {
        return MurmurHash3.hash128x64(ngram.getBytes(StandardCharsets.UTF_8))[0];
    }
}
