package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherTranscriptReaderTest {

    private final PublisherTranscriptReader reader = new PublisherTranscriptReader();

    @ParameterizedTest
    @CsvSource({
            "application/x-subrip,       srt/basic.srt,               SRT",
            "application/srt,            srt/basic.srt,               SRT",
            "text/srt,                   srt/basic.srt,               SRT",
            "'text/vtt; charset=utf-8',  vtt/basic.vtt,               WEBVTT",
            "TEXT/VTT,                   vtt/basic.vtt,               WEBVTT",
            "application/json,           json/sentence-segments.json, PODCASTING_JSON",
            "'application/json;charset=UTF-8', json/word-segments.json, PODCASTING_JSON",
    })
    void theDeclaredTypePicksTheParser(String mimeType, String file, PublisherTranscriptFormat expected) throws Exception {
        assertThat(reader.detect(mimeType, TranscriptFiles.text(file))).isEqualTo(expected);
        assertThat(reader.read(mimeType, TranscriptFiles.bytes(file), "en").segments()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "none,                       srt/no-cue-numbers.srt,      SRT",
            "application/octet-stream,   vtt/bom-crlf.vtt,            WEBVTT",
            "text/plain,                 srt/basic.srt,               SRT",
            "text/vtt,                   srt/basic.srt,               SRT",
            "application/srt,            vtt/basic.vtt,               WEBVTT",
            "application/x-subrip,       json/string-times.json,      PODCASTING_JSON",
    })
    void recognisableContentWinsOverAMissingOrWrongType(String mimeType, String file, PublisherTranscriptFormat expected)
            throws Exception {
        assertThat(reader.detect(mimeType, TranscriptFiles.text(file))).isEqualTo(expected);
    }

    @Test
    void srtServedAsPlainTextIsRead() throws Exception {
        TimedTranscript transcript = reader.read("text/plain", TranscriptFiles.bytes("srt/basic.srt"), "en");

        assertThat(transcript.segments()).extracting(Segment::text).first().isEqualTo("Welcome to the show.");
    }

    @Test
    void htmlIsRefusedAsCarryingNoCueTimes() {
        assertThatThrownBy(() -> reader.read("text/html", TranscriptFiles.bytes("other/transcript.html"), "en"))
                .isInstanceOf(UnsupportedTranscriptFormatException.class)
                .hasMessage("transcript of type 'text/html': HTML transcripts carry no cue times, so their words cannot"
                        + " be placed on the audio; podgrep reads SRT, WebVTT and Podcasting 2.0 JSON transcripts");
    }

    @Test
    void plainTextIsRefusedAsCarryingNoTimes() {
        assertThatThrownBy(() -> reader.read("text/plain", TranscriptFiles.bytes("other/plain-text.txt"), "en"))
                .isInstanceOf(UnsupportedTranscriptFormatException.class)
                .hasMessageContaining("plain text carries no times");
        assertThatThrownBy(() -> reader.read(null, TranscriptFiles.bytes("other/plain-text.txt"), "en"))
                .isInstanceOf(UnsupportedTranscriptFormatException.class)
                .hasMessage("transcript of undeclared type: the content is neither SRT, WebVTT nor Podcasting 2.0 JSON"
                        + " (it looks like plain text, which carries no times); podgrep reads SRT, WebVTT and"
                        + " Podcasting 2.0 JSON transcripts");
        assertThatThrownBy(() -> reader.read("application/pdf", TranscriptFiles.bytes("other/transcript.html"), "en"))
                .isInstanceOf(UnsupportedTranscriptFormatException.class)
                .hasMessageContaining("it looks like HTML or XML");
    }

    @Test
    void malformedContentOfADeclaredTypeIsAFormatErrorNotARefusal() {
        assertThatThrownBy(() -> reader.read("text/vtt", "no header\n", "en"))
                .isExactlyInstanceOf(TranscriptFormatException.class)
                .hasMessage("WebVTT line 1: a WebVTT file must start with 'WEBVTT', found 'no header'");
        assertThatThrownBy(() -> reader.read("application/srt", TranscriptFiles.bytes("srt/text-before-first-cue.srt"), "en"))
                .isExactlyInstanceOf(TranscriptFormatException.class)
                .hasMessageStartingWith("SRT line 1:");
    }

    @Test
    void utf16WithByteOrderMarkIsDecoded() throws Exception {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] body = TranscriptFiles.text("vtt/basic.vtt").replace("show", "shöw").getBytes(StandardCharsets.UTF_16LE);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, 2);
        System.arraycopy(body, 0, content, 2, body.length);

        assertThat(reader.read("text/vtt", content, "de").segments().getFirst().text()).isEqualTo("Welcome to the shöw.");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithLineAndOffset() {
        byte[] latin1 = "WEBVTT\n\n00:01.000 --> 00:02.000\ncaf\u00E9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> reader.read("text/vtt", latin1, "fr"))
                .isInstanceOf(TranscriptFormatException.class)
                .hasMessage("transcript line 4: not valid UTF-8 text: bad byte(s) at offset 35"
                        + " (publisher transcripts must be UTF-8)");
    }

    @Test
    void aTranscriptOfMoreWordsThanAnEpisodeMayHoldIsRefused() throws Exception {
        StringBuilder srt = new StringBuilder();
        for (int cue = 1; cue <= 30; cue++) {
            srt.append(cue).append("\n00:00:").append(String.format("%02d", cue)).append(",000 --> 00:00:")
                    .append(String.format("%02d", cue)).append(",900\none two three four\n\n");
        }
        PublisherTranscriptReader hundredWords = new PublisherTranscriptReader(100);

        assertThat(new PublisherTranscriptReader(120).read("application/x-subrip", srt.toString(), "en")
                .wordCount()).isEqualTo(120);
        assertThatThrownBy(() -> hundredWords.read("application/x-subrip", srt.toString(), "en"))
                .isInstanceOf(TranscriptFormatException.class)
                .hasMessage("SRT: it holds 120 words, more than the 100 words per episode podgrep takes");

        String huge = "WEBVTT\n\n00:00.000 --> 00:01.000\n" + "word ".repeat(2_000) + "\n";
        assertThatThrownBy(() -> new PublisherTranscriptReader(200).read("text/vtt", huge, "en"))
                .isInstanceOf(TranscriptFormatException.class)
                .hasMessage("WebVTT: it holds about 2,004 tokens, more than the 200 words per episode podgrep takes");
    }
}
