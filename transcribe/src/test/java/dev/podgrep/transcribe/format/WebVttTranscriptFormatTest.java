package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class WebVttTranscriptFormatTest {

    private final WebVttTranscriptFormat vtt = new WebVttTranscriptFormat();

    private TimedTranscript parse(String file) throws TranscriptFormatException {
        return vtt.parse(TranscriptFiles.text("vtt/" + file), "en");
    }

    @Test
    void cuesBecomeSegmentsWithInterpolatedWords() throws Exception {
        TimedTranscript transcript = parse("basic.vtt");

        assertThat(transcript.source()).isEqualTo(TranscriptSource.PUBLISHER);
        assertThat(transcript.segments()).extracting(Segment::text, Segment::start, Segment::end).containsExactly(
                tuple("Welcome to the show.", 1.0, 4.0),
                tuple("Today we talk about search engines for podcasts.", 4.5, 7.25));
        assertThat(transcript.segments().getFirst().words())
                .extracting(Word::text, Word::start, Word::end, Word::interpolated).containsExactly(
                        tuple("Welcome", 1.0, 2.313, true),
                        tuple("to", 2.313, 2.688, true),
                        tuple("the", 2.688, 3.25, true),
                        tuple("show.", 3.25, 4.0, true));
    }

    @Test
    void notesStylesRegionsAndHeaderTextAreSkipped() throws Exception {
        assertThat(parse("notes-style-region.vtt").segments()).extracting(Segment::text, Segment::start)
                .containsExactly(tuple("the only cue", 1.0));
    }

    @Test
    void voiceClassAndStyleTagsAreRemovedAndCharacterReferencesDecoded() throws Exception {
        assertThat(parse("voice-and-class-tags.vtt").segments()).extracting(Segment::text).containsExactly(
                "We are in New York City",
                "Yellow and italic and bold",
                "Café & crème <3 café au lait",
                "漢字 done");
    }

    @Test
    void cueIdsAndCueSettingsAreNotText() throws Exception {
        assertThat(parse("cue-ids-and-settings.vtt").segments()).extracting(Segment::text, Segment::start, Segment::end)
                .containsExactly(tuple("cue with an id", 1.0, 2.0), tuple("numeric id", 2.0, 3.0));
    }

    @Test
    void hourlessTimestampsAreRead() throws Exception {
        assertThat(parse("hourless-timestamps.vtt").segments()).extracting(Segment::start, Segment::end)
                .containsExactly(tuple(1.0, 2.5), tuple(3599.0, 3601.0));
    }

    @Test
    void karaokeTimestampTagsGiveWordStarts() throws Exception {
        assertThat(parse("inline-timestamps.vtt").segments().getFirst().words())
                .extracting(Word::text, Word::start, Word::end).containsExactly(
                        tuple("so", 1.0, 2.0),
                        tuple("here", 2.0, 3.0),
                        tuple("we", 3.0, 3.5),
                        tuple("go", 3.5, 4.0));
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsAreAccepted() throws Exception {
        assertThat(TranscriptFiles.text("vtt/bom-crlf.vtt")).startsWith("\uFEFFWEBVTT\r\n");

        assertThat(parse("bom-crlf.vtt").segments()).extracting(Segment::text)
                .containsExactly("Windows line ends", "and a byte-order mark");
    }

    @Test
    void emptyCuesAreSkipped() throws Exception {
        assertThat(parse("empty-cues.vtt").segments()).extracting(Segment::text).containsExactly("the only text");
    }

    @Test
    void aFileWithoutTheHeaderIsRefusedAtLineOne() {
        assertThatThrownBy(() -> parse("missing-header.vtt"))
                .isInstanceOf(TranscriptFormatException.class)
                .hasMessage("WebVTT line 1: a WebVTT file must start with 'WEBVTT', found '00:00:01.000 --> 00:00:02.000'");
    }

    @Test
    void aBlockWithoutTimingIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("bad-timing.vtt"))
                .hasMessageStartingWith("WebVTT line 6: expected a cue (an optional id line, then a timing line")
                .hasMessageEndingWith("found '00:00:03.000 -> 00:00:04.000'");
    }

    @Test
    void aTimestampTagOutsideItsCueIsReported() {
        assertThatThrownBy(() -> vtt.parse("WEBVTT\n\n00:01.000 --> 00:02.000\na <00:03.000>b\n", null))
                .hasMessage("WebVTT line 3: the timestamp tag <00:03.000> lies outside 00:00:01.000-00:00:02.000"
                        + " (tags must grow within their cue)");
    }

    @Test
    void aCueEndingBeforeItStartsIsReported() {
        assertThatThrownBy(() -> vtt.parse("WEBVTT\n\nid\n00:05.000 --> 00:04.000\nbackwards\n", null))
                .hasMessage("WebVTT line 4: the cue ends (00:04.000) before it starts (00:05.000)");
    }

    @Test
    void writesAHeaderAndOneCuePerSegmentWithMarkupEscaped() throws Exception {
        TimedTranscript transcript = new TimedTranscript(List.of(
                new Segment(List.of(Word.measured("a", 0.5, 0.7, 1.0), Word.measured("<b>", 0.7, 0.9, 1.0),
                        Word.measured("&", 1.0, 1.25, 1.0), Word.measured("c-->d", 1.25, 2.0, 1.0)))),
                TranscriptSource.ASR, "en", true);

        String written = vtt.write(transcript);

        assertThat(written).isEqualTo("""
                WEBVTT

                00:00:00.500 --> 00:00:02.000
                a &lt;b&gt; &amp; c--&gt;d
                """);
        assertThat(vtt.parse(written, "en").segments().getFirst().text()).isEqualTo("a <b> & c-->d");
    }
}
