package dev.podgrep.transcribe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.podgrep.transcribe.testing.ToneWordAudio.ExpectedWord;
import dev.podgrep.transcribe.transcript.Word;
import java.util.List;

/** Checks recognised words against a {@link ToneWordAudio} script. */
public final class ToneWordAssertions {

    /**
     * How close recognised start and end times must be to the tones' true times: measured offsets are within
     * 0.03 s for WAV and 0.06 s after lossy encoding.
     */
    public static final double TIME_TOLERANCE = 0.1;

    private ToneWordAssertions() {
    }

    /**
     * Asserts that {@code actual} holds exactly the {@code expected} words, in order, each start and end within
     * {@link #TIME_TOLERANCE} seconds of the truth.
     */
    public static void assertWordsAtTheirTimes(List<Word> actual, List<ExpectedWord> expected) {
        assertThat(actual).extracting(Word::text)
                .containsExactlyElementsOf(expected.stream().map(ExpectedWord::word).toList());
        for (int i = 0; i < expected.size(); i++) {
            ExpectedWord truth = expected.get(i);
            assertThat(actual.get(i).start()).as("start of word %d (%s at %.2f s)", i, truth.word(), truth.start())
                    .isCloseTo(truth.start(), within(TIME_TOLERANCE));
            assertThat(actual.get(i).end()).as("end of word %d (%s at %.2f s)", i, truth.word(), truth.end())
                    .isCloseTo(truth.end(), within(TIME_TOLERANCE));
        }
    }
}
