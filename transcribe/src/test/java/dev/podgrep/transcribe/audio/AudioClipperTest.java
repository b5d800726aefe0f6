package dev.podgrep.transcribe.audio;

import static dev.podgrep.transcribe.testing.ToneWordAssertions.assertWordsAtTheirTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.AudioFileTags;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordAudio.ExpectedWord;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.vosk.VoskModel;
import dev.podgrep.transcribe.vosk.VoskTranscriber;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Clips cut by real FFmpeg, decoded again and recognised by real Vosk: what a researcher downloading a quote gets. */
class AudioClipperTest {

    /** alpha 1.0-1.5, bravo 2.5-3.0, charlie 4.0-4.5, delta 5.5-6.0. */
    private static final ToneWordAudio SCRIPT = ToneWordAudio.parse("silence 1.0, alpha 0.5, silence 1.0, bravo 0.5,"
            + " silence 1.0, charlie 0.5, silence 1.0, delta 0.5, silence 1.0");
    private static final ClipTags TAGS = new ClipTags("meduza-v-kurse — \"Выпуск 12\" (2026-01-02), 00:02–00:03",
            "meduza-v-kurse", "Выпуск 12");

    @TempDir
    static Path files;
    static VoskModel model;

    @BeforeAll
    static void encode() throws Exception {
        SCRIPT.encode(files.resolve("episode.mp3"), AudioEncoding.mp3(44_100, 2, 128));
        SCRIPT.encode(files.resolve("episode.m4a"), AudioEncoding.m4a(44_100, 2, 96));
        SCRIPT.encode(files.resolve("episode.ogg"), AudioEncoding.oggOpus(1, 32));
        SCRIPT.encode(files.resolve("episode-22k-mono.mp3"), AudioEncoding.mp3(22_050, 1, 48));
        model = VoskModel.load(ToneWordModel.writeTo(files.resolve("model")), "en");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Stream<Arguments> sources() {
        AudioClipper child = AudioClipper.inChildProcess(ChildDecoderSettings.fromCurrentJvm());
        return Stream.of(
                Arguments.of("episode.mp3", AudioClipper.inProcess()),
                Arguments.of("episode.m4a", AudioClipper.inProcess()),
                Arguments.of("episode.ogg", AudioClipper.inProcess()),
                Arguments.of("episode-22k-mono.mp3", AudioClipper.inProcess()),
                Arguments.of("episode.mp3", child),
                Arguments.of("episode.ogg", child));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sources")
    void aClipHoldsExactlyTheWindowWithItsTags(String name, AudioClipper clipper) throws Exception {
        // the window starts 30 ms before bravo and ends 40 ms after it
        Path clip = files.resolve("clip-" + name + "-" + clipper.hashCode() + ".mp3");
        clipper.cut(files.resolve(name), 2.47, 3.04, TAGS, clip);

        short[] samples = decode(clip);
        assertThat(samples.length / 16_000.0).as("clip duration").isCloseTo(0.57, within(0.05));
        assertThat(toneOnset(samples)).as("bravo starts 30 ms into the clip").isCloseTo(0.03, within(0.02));
        assertThat(toneEnd(samples)).as("bravo ends 40 ms before the clip's end")
                .isCloseTo(samples.length / 16_000.0 - 0.04, within(0.02));
        assertThat(tags(clip)).containsEntry("title", TAGS.title()).containsEntry("artist", "meduza-v-kurse")
                .containsEntry("album", "Выпуск 12");
        assertThat(new String(Files.readAllBytes(clip), 0, 3, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("ID3v2 tag first").isEqualTo("ID3");

        assertWordsAtTheirTimes(new VoskTranscriber(model, PcmDecoder.inProcess()).transcribe(clip).words(),
                List.of(new ExpectedWord("bravo", 0.03, 0.53)));
    }

    @Test
    void aLongClipFromLaterInTheEpisodeHoldsItsWords() throws Exception {
        ToneWordAudio tenMinutes = ToneWordAudio.cycling(600);
        Path episode = tenMinutes.encode(files.resolve("ten-minutes.mp3"), AudioEncoding.mp3(44_100, 1, 64));
        Path clip = files.resolve("long-clip.mp3");

        AudioClipper.inProcess().cut(episode, 400.0, 430.0, TAGS, clip);

        List<ExpectedWord> expected = tenMinutes.expectedWords().stream()
                .filter(word -> word.start() >= 400.0 && word.end() <= 430.0)
                .map(word -> new ExpectedWord(word.word(), word.start() - 400.0, word.end() - 400.0)).toList();
        assertThat(decode(clip).length / 16_000.0).isCloseTo(30.0, within(0.05));
        assertWordsAtTheirTimes(new VoskTranscriber(model, PcmDecoder.inProcess()).transcribe(clip).words(),
                expected);
    }

    @Test
    void badWindowsAndSourcesAreClearErrors() throws IOException {
        AudioClipper clipper = AudioClipper.inProcess();
        Path episode = files.resolve("episode.mp3");
        Path target = files.resolve("bad.mp3");
        Path html = Files.writeString(files.resolve("page.mp3"), "<!DOCTYPE html><html><body>gone</body></html>");

        assertThatThrownBy(() -> clipper.cut(episode, 3.0, 2.0, TAGS, target))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a clip needs 0 <= start < end, not 3.0-2.0 s");
        assertThatThrownBy(() -> clipper.cut(episode, 0, 300.5, TAGS, target))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a clip is at most 300 s long, not 300.500 s");
        assertThatThrownBy(() -> clipper.cut(episode, 8.0, 9.0, TAGS, target))
                .isInstanceOf(ClipException.class).hasMessageStartingWith("the clip starts at 8.000 s, after the end");
        for (AudioClipper any : List.of(clipper, AudioClipper.inChildProcess(ChildDecoderSettings.fromCurrentJvm()))) {
            assertThatThrownBy(() -> any.cut(html, 0, 1, TAGS, target)).isInstanceOf(IOException.class)
                    .hasMessageContaining("page.mp3");
        }
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(files)) {
            assertThat(left.map(Path::toString)).noneMatch(file -> file.endsWith(".part"));
        }
    }

    private static short[] decode(Path clip) throws IOException {
        try (PcmStream pcm = PcmDecoder.inProcess().open(clip)) {
            byte[] bytes = pcm.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        }
    }

    /** Seconds to the first 5 ms window whose RMS is above half the tone's. */
    private static double toneOnset(short[] samples) {
        for (int i = 0; i + 80 <= samples.length; i += 16) {
            if (rms(samples, i, i + 80) > ToneWordAudio.AMPLITUDE * 0.7 / 2) {
                return i / 16_000.0;
            }
        }
        return Double.NaN;
    }

    /** Seconds to the end of the last 5 ms window whose RMS is above half the tone's. */
    private static double toneEnd(short[] samples) {
        for (int i = samples.length - 80; i >= 0; i -= 16) {
            if (rms(samples, i, i + 80) > ToneWordAudio.AMPLITUDE * 0.7 / 2) {
                return (i + 80) / 16_000.0;
            }
        }
        return Double.NaN;
    }

    private static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static Map<String, String> tags(Path file) {
        return AudioFileTags.read(file);
    }
}
