package dev.podgrep.transcribe.transcript;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Consecutive words of one utterance (a recogniser endpoint or a publisher cue), a few seconds to ~30 s.
 * The unit that search returns as a hit.
 */
public record Segment(List<Word> words) {

    public Segment {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a segment needs at least one word");
        }
        for (int i = 1; i < words.size(); i++) {
            if (words.get(i).start() < words.get(i - 1).start()) {
                throw new IllegalArgumentException("words of a segment must be in time order: '"
                        + words.get(i - 1).text() + "'@" + words.get(i - 1).start() + " before '"
                        + words.get(i).text() + "'@" + words.get(i).start());
            }
        }
    }

    public double start() {
        return words.getFirst().start();
    }

    public double end() {
        return words.stream().mapToDouble(Word::end).max().orElseThrow();
    }

    /** The words joined by single spaces. */
    public String text() {
        return words.stream().map(Word::text).collect(Collectors.joining(" "));
    }
}
