package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodgrepJsonTranscriptFormatTest {

    private final PodgrepJsonTranscriptFormat json = new PodgrepJsonTranscriptFormat();

    private static final TimedTranscript ASR = new TimedTranscript(List.of(
            new Segment(List.of(Word.measured("alpha", 0.99, 1.5, 1.0), Word.measured("charlie", 1.8, 2.4, 0.8734))),
            new Segment(List.of(Word.measured("delta", 2.88, 3.42, 1.0 / 3)))),
            TranscriptSource.ASR, "en", true);

    @Test
    void writesSourceLanguageCompletenessAndSegmentsWithTheirWords() {
        assertThat(json.write(ASR)).isEqualTo("{\"source\":\"asr\",\"language\":\"en\",\"complete\":true,\"segments\":["
                + "{\"start\":0.99,\"end\":2.4,\"text\":\"alpha charlie\",\"words\":["
                + "{\"word\":\"alpha\",\"start\":0.99,\"end\":1.5,\"conf\":1.0},"
                + "{\"word\":\"charlie\",\"start\":1.8,\"end\":2.4,\"conf\":0.8734}]},"
                + "{\"start\":2.88,\"end\":3.42,\"text\":\"delta\",\"words\":["
                + "{\"word\":\"delta\",\"start\":2.88,\"end\":3.42,\"conf\":0.3333333333333333}]}]}");
    }

    @Test
    void roundTripsExactly() throws Exception {
        assertThat(json.read(json.write(ASR))).isEqualTo(ASR);

        TimedTranscript partialPublisher = new TimedTranscript(List.of(new Segment(List.of(
                new Word("Grüße,", 0.1 + 0.2, 1.0000001, 1.0, true), new Word("\"quoted\"", 1.0000001, 7.0, 1.0, true)))),
                TranscriptSource.PUBLISHER, null, false);
        String written = json.write(partialPublisher);
        assertThat(written).contains("\"language\":null", "\"complete\":false", "\"interpolated\":true");
        assertThat(json.read(written)).isEqualTo(partialPublisher);

        TimedTranscript empty = new TimedTranscript(List.of(), TranscriptSource.ASR, "ru", true);
        assertThat(json.read(json.write(empty))).isEqualTo(empty);
    }

    @Test
    void aSegmentTextThatNoLongerMatchesItsWordsIsAnError() {
        String edited = json.write(ASR).replace("\"text\":\"alpha charlie\"", "\"text\":\"alpha bravo\"");

        assertThatThrownBy(() -> json.read(edited)).isInstanceOf(TranscriptFormatException.class)
                .hasMessage("podgrep JSON line 1: segment 0 has \"text\" \"alpha bravo\" that does not match its words"
                        + " \"alpha charlie\"");
    }

    @Test
    void missingOrWrongFieldsAreNamed() {
        assertThatThrownBy(() -> json.read(json.write(ASR).replace("\"source\":\"asr\"", "\"source\":\"ASR\"")))
                .hasMessage("podgrep JSON: \"source\" must be \"asr\" or \"publisher\", found \"ASR\"");
        assertThatThrownBy(() -> json.read(json.write(ASR).replace(",\"conf\":0.8734", "")))
                .hasMessage("podgrep JSON line 1: segment 0 word 1 needs \"conf\" as a number 0..1");
        assertThatThrownBy(() -> json.read(json.write(ASR).replace("\"end\":3.42,\"conf\"", "\"end\":2.0,\"conf\"")))
                .hasMessage("podgrep JSON line 1: segment 1 word 0: word 'delta' has invalid times start=2.88 end=2.0");
        assertThatThrownBy(() -> json.read("{\"source\":\"asr\",\"segments\":[]}"))
                .hasMessage("podgrep JSON: \"complete\" must be true or false, found nothing");
    }
}
