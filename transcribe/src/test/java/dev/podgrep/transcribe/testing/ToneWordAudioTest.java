package dev.podgrep.transcribe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.podgrep.transcribe.testing.ToneWordAudio.ExpectedWord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToneWordAudioTest {

    private static final ToneWordAudio SCRIPT =
            ToneWordAudio.parse("silence 1.0, alpha 0.5, silence 0.3, charlie 0.6, silence 0.5, delta 0.5, silence 1.0");

    @TempDir
    Path temp;

    @Test
    void exposesTheWordsWithTheirTrueTimes() {
        assertThat(SCRIPT.expectedWords()).containsExactly(
                new ExpectedWord("alpha", 1.0, 1.5),
                new ExpectedWord("charlie", 1.8, 2.4),
                new ExpectedWord("delta", 2.9, 3.4));
        assertThat(SCRIPT.durationSeconds()).isCloseTo(4.4, within(1e-9));
        assertThat(SCRIPT.expectedText()).isEqualTo("alpha charlie delta");
    }

    @Test
    void writesA16BitWavWithTonesExactlyWhereTheScriptPutsThem() throws IOException {
        Path wav = SCRIPT.writeWav(temp.resolve("a.wav"), 16_000, 1);

        byte[] bytes = Files.readAllBytes(wav);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(bytes).hasSize(44 + 70_400 * 2);
        short[] samples = new short[(bytes.length - 44) / 2];
        ByteBuffer.wrap(bytes, 44, bytes.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        assertThat(peak(samples, 0, 16_000)).as("leading silence: noise only").isLessThan(200);
        assertThat(peak(samples, 16_000 + 100, 24_000 - 100)).as("alpha").isBetween(7_800, 8_200);
        assertThat(peak(samples, 24_000 + 10, 28_800 - 10)).as("gap").isLessThan(200);
        assertThat(rms(samples, 0, 16_000)).as("noise sd").isBetween(25.0, 35.0);
    }

    @Test
    void rendersDeterministicallyAtAnyRateAndChannelCount() throws IOException {
        byte[] first;
        byte[] second;
        try (InputStream a = SCRIPT.pcm(44_100, 2); InputStream b = SCRIPT.pcm(44_100, 2)) {
            first = a.readAllBytes();
            second = b.readAllBytes();
        }
        assertThat(first).hasSize((int) (SCRIPT.frameCount(44_100) * 4)).isEqualTo(second);
        assertThat(Arrays.copyOfRange(first, 0, 2)).as("left equals right")
                .isEqualTo(Arrays.copyOfRange(first, 2, 4));
    }

    @Test
    void cyclesTheFourWordsForLongFiles() {
        ToneWordAudio twentyMinutes = ToneWordAudio.cycling(20 * 60);

        assertThat(twentyMinutes.durationSeconds()).isBetween(20 * 60 - 1.5, 20 * 60.0);
        assertThat(twentyMinutes.expectedWords()).hasSizeGreaterThan(790)
                .extracting(ExpectedWord::word).startsWith("alpha", "bravo", "charlie", "delta", "alpha");
    }

    @Test
    void encodesMp3M4aAndOggOpusThroughTheBundledFfmpeg() throws IOException {
        Path mp3 = SCRIPT.encode(temp.resolve("a.mp3"), AudioEncoding.mp3(44_100, 2, 128));
        Path m4a = SCRIPT.encode(temp.resolve("a.m4a"), AudioEncoding.m4a(44_100, 2, 96));
        Path opus = SCRIPT.encode(temp.resolve("a.ogg"), AudioEncoding.oggOpus(1, 32));

        // about bitrate x duration (4.4 s): proves whole streams were written, not just headers
        assertThat(Files.size(mp3)).isBetween(60_000L, 80_000L);
        assertThat(Files.size(m4a)).isBetween(35_000L, 70_000L);
        assertThat(Files.size(opus)).isBetween(10_000L, 30_000L);
        assertThat(head(mp3)).contains("Info"); // LAME's CBR header: the exact duration
        assertThat(head(m4a)).contains("ftyp");
        assertThat(head(opus)).startsWith("OggS").contains("OpusHead");
    }

    @Test
    void rejectsScriptsItCannotRender() {
        assertThatThrownBy(() -> ToneWordAudio.parse("alpha"))
                .hasMessageContaining("'alpha' is not '<word> <seconds>'");
        assertThatThrownBy(() -> ToneWordAudio.parse("echo 0.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToneWordAudio.script().silence(0)).hasMessageContaining("positive duration");
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(512), StandardCharsets.ISO_8859_1);
        }
    }

    private static int peak(short[] samples, int from, int to) {
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }

    private static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
