package dev.podgrep.transcribe.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vosk's result JSON as libvosk 0.3.45 prints it, and the cutting of long utterances. */
class VoskResultTest {

    @Test
    void readsWordsWithAbsoluteTimesAndConfidence() {
        String json = """
                {
                  "result" : [{
                      "conf" : 1.000000,
                      "end" : 1.500000,
                      "start" : 0.990000,
                      "word" : "alpha"
                    }, {
                      "conf" : 0.734521,
                      "end" : 2.400000,
                      "start" : 1.800000,
                      "word" : "charlie"
                    }],
                  "text" : "alpha charlie"
                }""";

        assertThat(VoskResult.words(json)).containsExactly(
                Word.measured("alpha", 0.99, 1.5, 1.0),
                Word.measured("charlie", 1.8, 2.4, 0.734521));
    }

    @Test
    void anEmptyResultHasNoWordsAndUnknownTokensAreDropped() {
        assertThat(VoskResult.words("{\n  \"text\" : \"\"\n}")).isEmpty();
        assertThat(VoskResult.words("{\"result\":[{\"conf\":0.4,\"end\":1.2,\"start\":1.0,\"word\":\"[unk]\"}],"
                + "\"text\":\"[unk]\"}")).isEmpty();
    }

    @Test
    void textWithoutWordTimesIsAnError() {
        assertThatThrownBy(() -> VoskResult.words("{\"text\" : \"alpha\"}"))
                .hasMessageContaining("without word times")
                .hasMessageContaining("word_boundary.int");
    }

    @Test
    void utterancesLongerThan30SecondsAreCutAtWordBoundaries() {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < 80; i++) { // 80 words, one a second: 0-80 s
            words.add(Word.measured("w" + i, i, i + 0.6, 1.0));
        }

        List<Segment> segments = VoskResult.segments(words);

        assertThat(segments).hasSize(3);
        assertThat(segments).allSatisfy(segment ->
                assertThat(segment.end() - segment.start()).isLessThanOrEqualTo(VoskResult.MAX_SEGMENT_SECONDS));
        assertThat(segments.stream().flatMap(segment -> segment.words().stream()).toList()).isEqualTo(words);
        assertThat(segments.get(1).start()).isEqualTo(30.0);
    }

    @Test
    void aShortUtteranceIsOneSegment() {
        List<Word> words = List.of(Word.measured("alpha", 1, 1.5, 1), Word.measured("bravo", 2, 2.5, 1));

        assertThat(VoskResult.segments(words)).containsExactly(new Segment(words));
        assertThat(VoskResult.segments(List.of())).isEmpty();
    }
}
