package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranscriptExportFormatTest {

    private static final TimedTranscript ONE_WORD = new TimedTranscript(
            List.of(new Segment(List.of(Word.measured("bravo", 1.0, 1.5, 1.0)))), TranscriptSource.ASR, "en", true);

    @Test
    void apiNamesPickTheFormatIgnoringCase() {
        assertThat(TranscriptExportFormat.byName("json")).isEqualTo(TranscriptExportFormat.JSON);
        assertThat(TranscriptExportFormat.byName("SRT")).isEqualTo(TranscriptExportFormat.SRT);
        assertThat(TranscriptExportFormat.byName(" vtt ")).isEqualTo(TranscriptExportFormat.VTT);
        assertThat(TranscriptExportFormat.byName("txt")).isEqualTo(TranscriptExportFormat.TXT);
        assertThat(TranscriptExportFormat.byName("podcasting2")).isEqualTo(TranscriptExportFormat.PODCASTING2);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> TranscriptExportFormat.byName("docx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transcript format 'docx': expected one of json, srt, vtt, txt, podcasting2");
    }

    @Test
    void eachFormatWritesWithItsMediaType() {
        assertThat(TranscriptExportFormat.JSON.write(ONE_WORD)).startsWith("{\"source\":\"asr\"");
        assertThat(TranscriptExportFormat.SRT.write(ONE_WORD)).startsWith("1\n00:00:01,000 --> 00:00:01,500\n");
        assertThat(TranscriptExportFormat.VTT.write(ONE_WORD)).startsWith("WEBVTT\n\n00:00:01.000 --> 00:00:01.500\n");
        assertThat(TranscriptExportFormat.TXT.write(ONE_WORD)).isEqualTo("bravo\n");
        assertThat(TranscriptExportFormat.PODCASTING2.write(ONE_WORD))
                .isEqualTo("{\"version\":\"1.0.0\",\"segments\":[{\"startTime\":1.0,\"endTime\":1.5,\"body\":\"bravo\"}]}");
        assertThat(TranscriptExportFormat.values()).extracting(TranscriptExportFormat::mediaType)
                .containsExactly("application/json", "application/x-subrip", "text/vtt", "text/plain",
                        "application/json");
    }
}
