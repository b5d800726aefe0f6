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

class SrtTranscriptFormatTest {

    private final SrtTranscriptFormat srt = new SrtTranscriptFormat();

    private TimedTranscript parse(String file) throws TranscriptFormatException {
        return srt.parse(TranscriptFiles.text("srt/" + file), "en");
    }

    @Test
    void cuesBecomeSegmentsWithTheirTimesAndJoinedLines() throws Exception {
        TimedTranscript transcript = parse("basic.srt");

        assertThat(transcript.source()).isEqualTo(TranscriptSource.PUBLISHER);
        assertThat(transcript.language()).isEqualTo("en");
        assertThat(transcript.complete()).isTrue();
        assertThat(transcript.segments()).extracting(Segment::text, Segment::start, Segment::end).containsExactly(
                tuple("Welcome to the show.", 1.0, 4.0),
                tuple("Today we talk about search engines for podcasts.", 4.5, 7.25),
                tuple("Long cue that ends after an hour.", 62.003, 3600.0));
    }

    @Test
    void wordTimesAreSpreadOverTheCueByWordLength() throws Exception {
        // letters: Welcome 7, to 2, the 3, show 4 = 16 over 3 s -> boundaries at 7/16, 9/16, 12/16 of the cue
        List<Word> words = parse("basic.srt").segments().getFirst().words();

        assertThat(words).extracting(Word::text, Word::start, Word::end, Word::confidence, Word::interpolated)
                .containsExactly(
                        tuple("Welcome", 1.0, 2.313, 1.0, true),
                        tuple("to", 2.313, 2.688, 1.0, true),
                        tuple("the", 2.688, 3.25, 1.0, true),
                        tuple("show.", 3.25, 4.0, 1.0, true));
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsAreNotPartOfTheText() throws Exception {
        byte[] file = TranscriptFiles.bytes("srt/bom-crlf.srt");
        assertThat(new String(file, 0, 3, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("\u00EF\u00BB\u00BF");
        assertThat(TranscriptFiles.text("srt/bom-crlf.srt")).contains("\r\n");

        assertThat(parse("bom-crlf.srt").segments()).extracting(Segment::text, Segment::start, Segment::end)
                .containsExactly(tuple("Windows line ends", 1.0, 2.5), tuple("and a byte-order mark", 3.0, 4.0));
    }

    @Test
    void formattingTagsAndAssCodesAreRemoved() throws Exception {
        assertThat(parse("markup.srt").segments()).extracting(Segment::text).containsExactly(
                "Music playing", "Yellow bold under struck", "First line Second line");
    }

    @Test
    void dotDecimalsHourlessTimestampsAndShortFractionsAreRead() throws Exception {
        assertThat(parse("dot-decimals-hourless.srt").segments()).extracting(Segment::start, Segment::end)
                .containsExactly(tuple(1.5, 3.0), tuple(3.5, 4.25));
    }

    @Test
    void cuesWithoutSeparatingBlankLineAreStillSeparate() throws Exception {
        assertThat(parse("missing-blank-lines.srt").segments()).extracting(Segment::text, Segment::start)
                .containsExactly(tuple("first cue", 1.0), tuple("second cue right after", 2.0));
    }

    @Test
    void textAfterABlankLineInsideACueContinuesThatCue() throws Exception {
        assertThat(parse("blank-line-inside-cue.srt").segments()).extracting(Segment::text).containsExactly(
                "first part second part of the same cue", "next cue");
    }

    @Test
    void emptyCuesAreSkipped() throws Exception {
        assertThat(parse("empty-cues.srt").segments()).extracting(Segment::text, Segment::start)
                .containsExactly(tuple("only real cue", 3.0));
    }

    @Test
    void cuesAreOrderedByStartAndOverlapsStaySeparate() throws Exception {
        assertThat(parse("out-of-order-overlapping.srt").segments()).extracting(Segment::text, Segment::start)
                .containsExactly(
                        tuple("first by time", 1.0),
                        tuple("second overlaps the first", 2.0),
                        tuple("third by time", 5.0),
                        tuple("same start as third keeps file order", 5.0));
    }

    @Test
    void cueNumbersAreOptional() throws Exception {
        assertThat(parse("no-cue-numbers.srt").segments()).extracting(Segment::text).containsExactly(
                "no number here", "nor here");
    }

    @Test
    void positionSettingsAfterTheEndTimeAreIgnored() throws Exception {
        assertThat(parse("position-settings.srt").segments()).extracting(Segment::text, Segment::start, Segment::end)
                .containsExactly(tuple("positioned cue", 1.0, 2.0));
    }

    @Test
    void anOutOfRangeTimestampIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("malformed-timestamp.srt"))
                .isInstanceOf(TranscriptFormatException.class)
                .hasMessage("SRT line 6: cannot read the timestamp '00:61:00,000': minutes must be 0-59")
                .extracting(e -> ((TranscriptFormatException) e).line()).isEqualTo(6);
    }

    @Test
    void aCueEndingBeforeItStartsIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("end-before-start.srt"))
                .hasMessage("SRT line 2: the cue ends (00:00:04,000) before it starts (00:00:05,000)");
    }

    @Test
    void textBeforeTheFirstCueIsReported() {
        assertThatThrownBy(() -> parse("text-before-first-cue.srt"))
                .hasMessage("SRT line 1: expected a cue number or a timing line like '00:00:01,000 --> 00:00:04,000',"
                        + " found 'Transcript of episode 12'");
    }

    @Test
    void aTimingLineThatCannotBeReadIsReported() {
        assertThatThrownBy(() -> srt.parse("1\n00:00:01,000 --> soon\nhello\n", "en"))
                .hasMessageStartingWith("SRT line 2: cannot read the timing line '00:00:01,000 --> soon'");
    }

    @Test
    void contentWithoutCuesIsRefused() {
        assertThatThrownBy(() -> srt.parse("", "en")).hasMessage("SRT: holds no cues");
        assertThatThrownBy(() -> srt.parse("1\n00:00:01,000 --> 00:00:02,000\n<i> </i>\n", "en"))
                .hasMessage("SRT: holds 1 cue(s) but none with text");
    }

    @Test
    void writesOneNumberedCuePerSegmentWithMillisecondTimes() {
        TimedTranscript transcript = new TimedTranscript(List.of(
                new Segment(List.of(Word.measured("alpha", 0.99, 1.5, 0.9), Word.measured("charlie", 1.8, 2.4, 1.0))),
                new Segment(List.of(Word.measured("delta", 3725.0004, 3726.4236, 1.0)))),
                TranscriptSource.ASR, "en", true);

        assertThat(srt.write(transcript)).isEqualTo("""
                1
                00:00:00,990 --> 00:00:02,400
                alpha charlie

                2
                01:02:05,000 --> 01:02:06,424
                delta
                """);
    }
}
