package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class PodcastingJsonTranscriptFormatTest {

    private final PodcastingJsonTranscriptFormat json = new PodcastingJsonTranscriptFormat();

    private TimedTranscript parse(String file) throws TranscriptFormatException {
        return json.parse(TranscriptFiles.text("json/" + file), "en");
    }

    @Test
    void sentenceSegmentsBecomeSegmentsWithInterpolatedWords() throws Exception {
        TimedTranscript transcript = parse("sentence-segments.json");

        assertThat(transcript.source()).isEqualTo(TranscriptSource.PUBLISHER);
        assertThat(transcript.language()).isEqualTo("en");
        assertThat(transcript.segments()).extracting(Segment::text, Segment::start, Segment::end).containsExactly(
                tuple("Welcome back to the show.", 0.5, 3.25),
                tuple("Thanks for having me, it's great to be here.", 3.5, 6.0));
        assertThat(transcript.words()).allMatch(Word::interpolated);
    }

    @Test
    void oneWordSegmentsKeepTheirOwnTimesAndAreGroupedBySentenceSpeakerAndPause() throws Exception {
        TimedTranscript transcript = parse("word-segments.json");

        assertThat(transcript.segments()).extracting(Segment::text, Segment::start, Segment::end).containsExactly(
                tuple("I am your father.", 0.5, 2.0),       // ends with a full stop
                tuple("Search your feelings", 2.0, 3.5),    // the speaker changes after it
                tuple("No", 3.5, 3.75),                     // a 2.25 s pause follows
                tuple("no", 6.0, 6.5));
        assertThat(transcript.segments().getFirst().words())
                .extracting(Word::text, Word::start, Word::end, Word::interpolated).containsExactly(
                        tuple("I", 0.5, 0.75, false),
                        tuple("am", 0.75, 1.0, false),
                        tuple("your", 1.0, 1.5, false),
                        tuple("father.", 1.5, 2.0, false));
    }

    @Test
    void timesWrittenAsStringsAreRead() throws Exception {
        assertThat(parse("string-times.json").segments()).extracting(Segment::start, Segment::end)
                .containsExactly(tuple(1.25, 2.5));
    }

    @Test
    void segmentsWithoutBodyAreSkipped() throws Exception {
        assertThat(parse("empty-bodies.json").segments()).extracting(Segment::text, Segment::start)
                .containsExactly(tuple("only this has words", 3.0));
    }

    @Test
    void segmentsAreOrderedByStart() throws Exception {
        assertThat(parse("out-of-order.json").segments()).extracting(Segment::text)
                .containsExactly("earlier sentence here", "later sentence here");
    }

    @Test
    void aMissingStartTimeIsReportedWithTheSegmentsLineAndIndex() {
        assertThatThrownBy(() -> parse("missing-start-time.json"))
                .isInstanceOf(TranscriptFormatException.class)
                .hasMessage("Podcasting 2.0 JSON line 5: segment 1 has no \"startTime\"");
    }

    @Test
    void invalidJsonIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("invalid-syntax.json"))
                .hasMessageStartingWith("Podcasting 2.0 JSON line 5: invalid JSON: Unexpected character");
    }

    @Test
    void wrongShapesAreReported() {
        assertThatThrownBy(() -> json.parse("[1, 2]", null))
                .hasMessage("Podcasting 2.0 JSON line 1: expected a JSON object with a \"segments\" array, found an array");
        assertThatThrownBy(() -> json.parse("{\"version\":\"1.0.0\"}", null))
                .hasMessage("Podcasting 2.0 JSON: the JSON object has no \"segments\" array");
        assertThatThrownBy(() -> json.parse("{\"segments\":[]}", null))
                .hasMessage("Podcasting 2.0 JSON: \"segments\" is empty");
        assertThatThrownBy(() -> json.parse("{\"segments\":[\n{\"startTime\":2,\"endTime\":1,\"body\":\"x\"}]}", null))
                .hasMessage("Podcasting 2.0 JSON line 2: segment 0 ends (endTime 1) before it starts (startTime 2)");
        assertThatThrownBy(() -> json.parse("{\"segments\":[{\"startTime\":-1,\"endTime\":1,\"body\":\"x\"}]}", null))
                .hasMessage("Podcasting 2.0 JSON line 1: segment 0 has \"startTime\": -1, expected a number of seconds >= 0");
        assertThatThrownBy(() -> json.parse("{\"segments\":[{\"startTime\":0,\"endTime\":1,\"body\":7}]}", null))
                .hasMessage("Podcasting 2.0 JSON line 1: segment 0 has a \"body\" that is not a string: 7");
    }
}
