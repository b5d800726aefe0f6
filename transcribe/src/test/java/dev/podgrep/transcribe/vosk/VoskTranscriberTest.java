package dev.podgrep.transcribe.vosk;

import static dev.podgrep.transcribe.testing.ToneWordAssertions.assertWordsAtTheirTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.podgrep.transcribe.audio.AudioDecodingException;
import dev.podgrep.transcribe.audio.PcmDecoder;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.TranscriptTooLongException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real libvosk with the tone-word model, real FFmpeg: words, times and failures as a user meets them. */
class VoskTranscriberTest {

    private static final ToneWordAudio SCRIPT = ToneWordAudio.parse(
            "silence 1.0, alpha 0.5, silence 0.3, charlie 0.6, silence 0.5, delta 0.5, silence 1.0, bravo 0.4,"
                    + " silence 0.9, alpha 0.4, silence 0.2, alpha 0.4, silence 1.0");

    @TempDir
    static Path files;

    static VoskModel model;
    static VoskTranscriber transcriber;

    @BeforeAll
    static void loadModelAndWriteAudio() throws Exception {
        model = VoskModel.load(ToneWordModel.writeTo(files.resolve("vosk-model-tone-words")), "en");
        transcriber = new VoskTranscriber(model);
        SCRIPT.writeWav(files.resolve("mono16k.wav"), 16_000, 1);
        SCRIPT.encode(files.resolve("stereo44k.mp3"), AudioEncoding.mp3(44_100, 2, 128));
        SCRIPT.encode(files.resolve("stereo44k.m4a"), AudioEncoding.m4a(44_100, 2, 96));
        SCRIPT.encode(files.resolve("mono48k.ogg"), AudioEncoding.oggOpus(1, 32));
        SCRIPT.encode(files.resolve("speech8k.opus.ogg"), AudioEncoding.oggOpusSpeech(8));
        SCRIPT.encode(files.resolve("stereo48k.webm"), AudioEncoding.webmOpus(2, 64));
        SCRIPT.encode(files.resolve("stereo44k.vorbis.ogg"), AudioEncoding.oggVorbis(44_100, 2, 96));
        SCRIPT.encode(files.resolve("mono44k.flac"), AudioEncoding.flac(44_100, 1));
        SCRIPT.encode(files.resolve("stereo44k.aac"), AudioEncoding.adtsAac(44_100, 2, 96));
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mono16k.wav", "stereo44k.mp3", "stereo44k.m4a", "mono48k.ogg", "speech8k.opus.ogg",
            "stereo48k.webm", "stereo44k.vorbis.ogg", "mono44k.flac", "stereo44k.aac"})
    void recognisesTheWordsInOrderWithTheirTimes(String name) throws IOException {
        TimedTranscript transcript = transcriber.transcribe(files.resolve(name));

        assertWordsAtTheirTimes(transcript.words(), SCRIPT.expectedWords());
        assertThat(transcript.source()).isEqualTo(TranscriptSource.ASR);
        assertThat(transcript.language()).isEqualTo("en");
        assertThat(transcript.complete()).isTrue();
        assertThat(transcript.words()).allSatisfy(word -> {
            assertThat(word.confidence()).isBetween(0.5, 1.0);
            assertThat(word.interpolated()).isFalse();
        });
    }

    @Test
    void eachUtteranceBecomesASegment() throws IOException {
        Path utterances = ToneWordAudio.parse("silence 1.0, alpha 0.5, silence 0.3, charlie 0.6, silence 2.5,"
                + " delta 0.5, silence 2.5, bravo 0.4, silence 0.2, bravo 0.4, silence 1.0")
                .writeWav(files.resolve("utterances.wav"), 16_000, 1);

        TimedTranscript transcript = transcriber.transcribe(utterances);

        // Vosk ends an utterance after 2 s of silence at the latest
        assertThat(transcript.segments()).extracting(Segment::text)
                .containsExactly("alpha charlie", "delta", "bravo bravo");
    }

    @Test
    void silenceGivesAnEmptyTranscript() throws IOException {
        Path silence = ToneWordAudio.parse("silence 5.0").writeWav(files.resolve("silence.wav"), 16_000, 1);

        TimedTranscript transcript = transcriber.transcribe(silence);

        assertThat(transcript.segments()).isEmpty();
        assertThat(transcript.complete()).isTrue();
    }

    @Test
    void reportsProgressUpToTheDuration() throws IOException {
        List<Double> done = new ArrayList<>();
        List<OptionalDouble> totals = new ArrayList<>();

        transcriber.transcribe(files.resolve("stereo44k.mp3"), (seconds, total) -> {
            done.add(seconds);
            totals.add(total);
        });

        assertThat(done).hasSizeGreaterThanOrEqualTo(12).isSorted();
        assertThat(done.getLast()).isCloseTo(SCRIPT.durationSeconds(), within(0.05));
        assertThat(totals).allSatisfy(total ->
                assertThat(total).hasValueCloseTo(SCRIPT.durationSeconds(), within(0.05)));
    }

    @Test
    void aTruncatedMp3GivesTheWordsBeforeTheCutAndIsIncomplete() throws IOException {
        byte[] mp3 = Files.readAllBytes(files.resolve("stereo44k.mp3"));
        Path truncated = Files.write(files.resolve("truncated.mp3"), Arrays.copyOf(mp3, mp3.length / 2));

        TimedTranscript transcript = transcriber.transcribe(truncated);

        assertThat(transcript.complete()).isFalse();
        // 7.7 s of audio cut at about 3.85 s: in the pause after "delta"
        assertWordsAtTheirTimes(transcript.words(), SCRIPT.expectedWords().subList(0, 3));
    }

    @Test
    void undecodableFilesFailNamingTheFile() throws IOException {
        Path html = Files.writeString(files.resolve("episode.mp3"), "<html><body>Rate limited</body></html>");
        Path empty = Files.write(files.resolve("empty.m4a"), new byte[0]);
        byte[] m4a = Files.readAllBytes(files.resolve("stereo44k.m4a"));
        Path cut = Files.write(files.resolve("cut.m4a"), Arrays.copyOf(m4a, m4a.length / 2));

        assertThatThrownBy(() -> transcriber.transcribe(html)).isInstanceOf(AudioDecodingException.class)
                .hasMessageStartingWith("Cannot decode audio file " + html + ": it is an HTML page, not audio");
        assertThatThrownBy(() -> transcriber.transcribe(empty)).isInstanceOf(AudioDecodingException.class)
                .hasMessage("Cannot decode audio file " + empty + ": the file is empty (0 bytes)");
        assertThatThrownBy(() -> transcriber.transcribe(cut)).isInstanceOf(AudioDecodingException.class)
                .hasMessageContaining(cut + ": FFmpeg cannot read it as audio: moov atom not found");
    }

    @Test
    void aClosedModelTakesNoNewJobs() throws Exception {
        VoskModel closed = VoskModel.load(ToneWordModel.writeTo(files.resolve("closed-model")), "en");
        closed.close();
        closed.close();

        assertThatThrownBy(() -> new VoskTranscriber(closed).transcribe(files.resolve("mono16k.wav")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed-model is closed");
    }

    @Test
    void moreWordsThanAnEpisodeMayHoldStopTheTranscription() {
        VoskTranscriber fiveWords = new VoskTranscriber(model, PcmDecoder.inProcess(), 5);
        Path audio = files.resolve("mono16k.wav"); // 7 words

        assertThatThrownBy(() -> fiveWords.transcribe(audio))
                .isInstanceOf(TranscriptTooLongException.class)
                .hasMessageStartingWith("the transcript of " + audio + " (at ")
                .hasMessageEndingWith(" s) has more than 5 words, the limit per episode");
    }

    @Test
    void theDefaultTranscriberDecodesInAChildProcess() {
        assertThat(transcriber.decoder().isolated()).isTrue();
    }
}
