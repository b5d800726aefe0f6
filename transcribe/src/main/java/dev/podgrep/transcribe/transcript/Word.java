package dev.podgrep.transcribe.transcript;

import java.util.Objects;

/**
 * One spoken word with absolute times in seconds from the start of the episode.
 *
 * @param text         the word as recognised or as the publisher wrote it
 * @param start        start time in seconds (absolute, from the start of the audio)
 * @param end          end time in seconds, {@code >= start}
 * @param confidence   recogniser confidence 0..1 (1.0 for publisher transcripts)
 * @param interpolated true when the time was not measured but spread evenly inside a publisher cue
 */
public record Word(String text, double start, double end, double confidence, boolean interpolated) {

    public Word {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a word must not be blank");
        }
        if (!(start >= 0) || !(end >= start)) {
            throw new IllegalArgumentException(
                    "word '" + text + "' has invalid times start=" + start + " end=" + end);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("word '" + text + "' has confidence " + confidence + " outside 0..1");
        }
    }

    /** A measured (recognised) word. */
    public static Word measured(String text, double start, double end, double confidence) {
        return new Word(text, start, end, confidence, false);
    }
}
