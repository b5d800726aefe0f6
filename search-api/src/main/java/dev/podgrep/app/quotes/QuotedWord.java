package dev.podgrep.app.quotes;

/**
 * One word of a {@link Quote}, with its stored times.
 *
 * @param word  the word as transcribed
 * @param start start, seconds from the start of the episode
 * @param end   end, seconds from the start of the episode
 * @param conf  recogniser confidence 0..1 (1.0 for publisher transcripts)
 */
public record QuotedWord(String word, double start, double end, double conf) {
}
