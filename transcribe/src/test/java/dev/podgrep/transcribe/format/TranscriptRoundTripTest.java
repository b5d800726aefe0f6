package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Publisher input -> model -> export -> parsed back: nothing a user would notice may change. */
class TranscriptRoundTripTest {

    private final PublisherTranscriptReader reader = new PublisherTranscriptReader();
    private final SrtTranscriptFormat srt = new SrtTranscriptFormat();
    private final WebVttTranscriptFormat vtt = new WebVttTranscriptFormat();
    private final PodgrepJsonTranscriptFormat json = new PodgrepJsonTranscriptFormat();

    private TimedTranscript read(String file) throws TranscriptFormatException {
        return reader.read(null, TranscriptFiles.bytes(file), "en");
    }

    /** Inputs whose word times are all interpolated over whole cues: subtitles carry everything they hold. */
    @ParameterizedTest
    @ValueSource(strings = {"srt/basic.srt", "srt/markup.srt", "srt/out-of-order-overlapping.srt",
            "srt/dot-decimals-hourless.srt", "srt/bom-crlf.srt", "vtt/basic.vtt", "vtt/voice-and-class-tags.vtt",
            "vtt/hourless-timestamps.vtt", "json/sentence-segments.json", "json/out-of-order.json"})
    void cueTranscriptsSurviveSrtAndWebVttExactly(String file) throws Exception {
        TimedTranscript model = read(file);

        assertThat(srt.parse(srt.write(model), "en")).isEqualTo(model);
        assertThat(vtt.parse(vtt.write(model), "en")).isEqualTo(model);
        assertThat(json.read(json.write(model))).isEqualTo(model);
    }

    /** Inputs with word-level times: subtitles keep each segment's text and bounds to the millisecond. */
    @ParameterizedTest
    @ValueSource(strings = {"json/word-segments.json", "vtt/inline-timestamps.vtt"})
    void wordTimedTranscriptsKeepSegmentTextAndBoundsInSubtitlesAndEverythingInJson(String file) throws Exception {
        TimedTranscript model = read(file);

        for (TimedTranscript back : List.of(srt.parse(srt.write(model), "en"), vtt.parse(vtt.write(model), "en"))) {
            assertThat(back.segments()).extracting(Segment::text, Segment::start, Segment::end)
                    .containsExactlyElementsOf(model.segments().stream()
                            .map(s -> tuple(s.text(), s.start(), s.end())).toList());
        }
        assertThat(json.read(json.write(model))).isEqualTo(model);
    }

    @Test
    void recognisedTranscriptsKeepSegmentBoundsToTheMillisecondInSubtitles() throws Exception {
        TimedTranscript asr = new TimedTranscript(List.of(
                new Segment(List.of(Word.measured("alpha", 0.99, 1.5, 1.0), Word.measured("charlie", 1.8, 2.4, 0.5))),
                new Segment(List.of(Word.measured("delta", 2.88, 3.4249, 1.0)))),
                TranscriptSource.ASR, "en", true);

        for (TimedTranscript back : List.of(srt.parse(srt.write(asr), "en"), vtt.parse(vtt.write(asr), "en"))) {
            assertThat(back.source()).isEqualTo(TranscriptSource.PUBLISHER); // a subtitle file is publisher material
            assertThat(back.segments()).extracting(Segment::text, Segment::start, Segment::end).containsExactly(
                    tuple("alpha charlie", 0.99, 2.4),
                    tuple("delta", 2.88, 3.425));
        }
        assertThat(json.read(json.write(asr))).isEqualTo(asr);
    }

    @Test
    void plainTextIsOneLinePerSegmentAndCannotBeReadBack() {
        TimedTranscript asr = new TimedTranscript(List.of(
                new Segment(List.of(Word.measured("alpha", 0.99, 1.5, 1.0), Word.measured("charlie", 1.8, 2.4, 0.5))),
                new Segment(List.of(Word.measured("delta", 2.88, 3.42, 1.0)))),
                TranscriptSource.ASR, "en", true);

        String text = TranscriptExportFormat.TXT.write(asr);

        assertThat(text).isEqualTo("alpha charlie\ndelta\n");
        assertThatThrownBy(() -> reader.read("text/plain", text, "en"))
                .isInstanceOf(UnsupportedTranscriptFormatException.class);
    }
}
