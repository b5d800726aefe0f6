package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Words of publisher text whose format gives times only per cue: the text is split at white space and the cue's
 * time span is shared among the words in proportion to their length (letters and digits, at least 1 per word, so
 * "a" gets a short slice and punctuation-only tokens such as "-" a minimal one). Word times are rounded to the
 * millisecond and touch each other: the first word starts at the cue start, the last ends at the cue end. The words
 * are marked {@link Word#interpolated() interpolated}, with confidence 1.0.
 *
 * <p>The spreading depends only on (text, start, end), so a cue written out and read back gets identical words.
 */
final class InterpolatedWords {

    /** White space including the no-break spaces publishers use between numbers and units. */
    private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u200B]+");

    private InterpolatedWords() {
    }

    /** The white-space separated tokens of {@code text}; empty for blank text. */
    static List<String> split(String text) {
        String stripped = WHITE_SPACE.matcher(text).replaceAll(" ").strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split(" "));
    }

    /**
     * @param text        cue text, markup already removed (may be blank: no words)
     * @param startMillis cue start
     * @param endMillis   cue end, {@code >= startMillis}
     */
    static List<Word> spread(String text, long startMillis, long endMillis) {
        List<String> tokens = split(text);
        if (tokens.isEmpty()) {
            return List.of();
        }
        long[] weights = new long[tokens.size()];
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.max(1, tokens.get(i).codePoints().filter(Character::isLetterOrDigit).count());
            total += weights[i];
        }
        long span = endMillis - startMillis;
        List<Word> words = new ArrayList<>(tokens.size());
        long cumulative = 0;
        long wordStart = startMillis;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            long wordEnd = i == weights.length - 1
                    ? endMillis
                    : startMillis + Math.round((double) span * cumulative / total);
            words.add(new Word(tokens.get(i), CueTimestamp.toSeconds(wordStart), CueTimestamp.toSeconds(wordEnd), 1.0, true));
            wordStart = wordEnd;
        }
        return words;
    }
}
