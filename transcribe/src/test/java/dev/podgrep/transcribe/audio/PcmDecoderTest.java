package dev.podgrep.transcribe.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordAudio.ExpectedWord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real FFmpeg (the Maven-shipped libraries) on generated tone-word audio. */
class PcmDecoderTest {

    private static final ToneWordAudio SCRIPT = ToneWordAudio.parse(
            "silence 1.0, alpha 0.5, silence 0.3, charlie 0.6, silence 0.5, delta 0.5, silence 1.0, bravo 0.4,"
                    + " silence 1.0");

    @TempDir
    static Path files;

    private final PcmDecoder decoder = PcmDecoder.inProcess();

    @BeforeAll
    static void encode() {
        SCRIPT.writeWav(files.resolve("mono16k.wav"), 16_000, 1);
        SCRIPT.writeWav(files.resolve("stereo48k.wav"), 48_000, 2);
        SCRIPT.encode(files.resolve("stereo44k.mp3"), AudioEncoding.mp3(44_100, 2, 128));
        SCRIPT.encode(files.resolve("stereo44k.m4a"), AudioEncoding.m4a(44_100, 2, 96));
        SCRIPT.encode(files.resolve("faststart.m4a"), AudioEncoding.m4a(44_100, 2, 96).withFaststart());
        SCRIPT.encode(files.resolve("mono.ogg"), AudioEncoding.oggOpus(1, 32));
    }

    static Stream<Arguments> formats() {
        return Stream.of(Arguments.of("mono16k.wav"), Arguments.of("stereo48k.wav"), Arguments.of("stereo44k.mp3"),
                Arguments.of("stereo44k.m4a"), Arguments.of("mono.ogg"));
    }

    @Test
    void a16kMonoWavComesOutSampleForSample() throws IOException {
        byte[] expected;
        try (InputStream pcm = SCRIPT.pcm(16_000, 1)) {
            expected = pcm.readAllBytes();
        }
        try (PcmStream pcm = decoder.open(files.resolve("mono16k.wav"))) {
            assertThat(pcm.readAllBytes()).isEqualTo(expected);
            assertThat(pcm.incompleteReason()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void decodesAnyFormatRateAndChannelCountTo16kMonoWithTonesInPlace(String name) throws IOException {
        short[] samples;
        try (PcmStream pcm = decoder.open(files.resolve(name))) {
            assertThat(pcm.durationSeconds()).hasValueCloseTo(SCRIPT.durationSeconds(), within(0.05));
            samples = shorts(pcm.readAllBytes());
            assertThat(pcm.secondsDecoded()).isCloseTo(SCRIPT.durationSeconds(), within(0.03));
            assertThat(pcm.incompleteReason()).isEmpty();
        }
        assertThat(samples.length).isCloseTo(16_000 * 58 / 10, within(16_000 * 3 / 100));
        for (ExpectedWord word : SCRIPT.expectedWords()) {
            assertThat(rms(samples, word.start() + 0.05, word.end() - 0.05)).as(word.word()).isGreaterThan(2_500);
            assertThat(rms(samples, word.start() - 0.25, word.start() - 0.05)).as("before " + word.word())
                    .isLessThan(300);
        }
    }

    /**
     * The end of the file is where a decoder's delay shows: frames it still holds come out only when it is flushed
     * (a null packet, then frames until AVERROR_EOF). Each podcast codec must deliver its audio to the last sample,
     * here a tone running to the very end. Gapless files (MP3 with a LAME header, Opus, FLAC) come out sample-exact:
     * Opus in speech mode (SILK) holds back its last 0.5 ms until the flush.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void everyPodcastCodecDecodesToItsLastSample(String name, AudioEncoding encoding, int toleranceSamples)
            throws IOException {
        ToneWordAudio endsInAWord = ToneWordAudio.parse("silence 0.7, charlie 0.5, silence 0.6, delta 0.45");
        Path file = endsInAWord.encode(files.resolve("ends-in-a-word-" + name), encoding);

        short[] samples;
        try (PcmStream pcm = decoder.open(file)) {
            samples = shorts(pcm.readAllBytes());
            assertThat(pcm.incompleteReason()).isEmpty();
        }
        assertThat((long) samples.length).as("decoded samples at 16 kHz")
                .isCloseTo(endsInAWord.frameCount(16_000), within((long) toleranceSamples));
        double end = endsInAWord.durationSeconds();
        assertThat(rms(samples, end - 0.4, end - 0.02)).as("the last word, up to the end").isGreaterThan(2_500);
    }

    static Stream<Arguments> codecs() {
        int gapless = 1;
        int notGapless = 16_000 * 30 / 1000; // AAC's and Vorbis's priming/padding is not always trimmed: < 30 ms
        return Stream.of(
                Arguments.of("mp3-44k-stereo.mp3", AudioEncoding.mp3(44_100, 2, 128), gapless),
                Arguments.of("mp3-22k-mono.mp3", AudioEncoding.mp3(22_050, 1, 48), gapless),
                Arguments.of("opus.ogg", AudioEncoding.oggOpus(2, 64), gapless),
                Arguments.of("opus-speech.ogg", AudioEncoding.oggOpusSpeech(8), gapless),
                Arguments.of("opus.webm", AudioEncoding.webmOpus(1, 32), gapless),
                Arguments.of("flac.flac", AudioEncoding.flac(44_100, 1), gapless),
                Arguments.of("aac.m4a", AudioEncoding.m4a(44_100, 2, 96), notGapless),
                Arguments.of("aac.aac", AudioEncoding.adtsAac(44_100, 2, 96), notGapless),
                Arguments.of("vorbis.ogg", AudioEncoding.oggVorbis(44_100, 2, 96), notGapless));
    }

    @Test
    void deliversPcmAFrameAtATimeNotTheWholeFile() throws IOException {
        try (PcmStream pcm = decoder.open(files.resolve("stereo44k.mp3"))) {
            int largestBuffered = 0;
            byte[] buffer = new byte[100];
            while (pcm.read(buffer) > 0) {
                largestBuffered = Math.max(largestBuffered, pcm.available());
            }
            // one MP3 frame (1152 samples at 44.1 kHz) is 418 samples at 16 kHz
            assertThat(largestBuffered).isPositive().isLessThan(2 * 1024);
        }
    }

    @Test
    void aTruncatedMp3DecodesUpToTheCutAndSaysItIsIncomplete() throws IOException {
        byte[] mp3 = Files.readAllBytes(files.resolve("stereo44k.mp3"));
        Path truncated = Files.write(files.resolve("truncated.mp3"), Arrays.copyOf(mp3, mp3.length / 2));

        try (PcmStream pcm = decoder.open(truncated)) {
            pcm.readAllBytes();
            assertThat(pcm.secondsDecoded()).isBetween(2.5, 3.3);
            assertThat(pcm.incompleteReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("of the 5.8 s the file declares (truncated?)"));
        }
    }

    @Test
    void aTruncatedFaststartM4aDecodesUpToTheCutAndSaysItIsIncomplete() throws IOException {
        byte[] m4a = Files.readAllBytes(files.resolve("faststart.m4a"));
        Path truncated = Files.write(files.resolve("truncated-faststart.m4a"), Arrays.copyOf(m4a, m4a.length / 2));

        try (PcmStream pcm = decoder.open(truncated)) {
            pcm.readAllBytes();
            assertThat(pcm.secondsDecoded()).isBetween(1.5, 4.0);
            assertThat(pcm.incompleteReason()).isPresent();
        }
    }

    @Test
    void aDamagedMp3SkipsTheDamageAndSaysItIsIncomplete() throws IOException {
        byte[] mp3 = Files.readAllBytes(files.resolve("stereo44k.mp3"));
        for (int i = mp3.length / 3; i < mp3.length / 2; i++) {
            mp3[i] = (byte) (i * 31);
        }
        Path damaged = Files.write(files.resolve("damaged.mp3"), mp3);

        try (PcmStream pcm = decoder.open(damaged)) {
            pcm.readAllBytes();
            assertThat(pcm.secondsDecoded()).isGreaterThan(3.0);
            assertThat(pcm.incompleteReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .containsPattern("\\d+ damaged packets?"));
        }
    }

    @Test
    void aTruncatedWavSaysItIsIncomplete() throws IOException {
        byte[] wav = Files.readAllBytes(files.resolve("mono16k.wav"));
        Path truncated = Files.write(files.resolve("truncated.wav"), Arrays.copyOf(wav, 60_001));

        try (PcmStream pcm = decoder.open(truncated)) {
            pcm.readAllBytes();
            assertThat(pcm.secondsDecoded()).isCloseTo(60_000 / 32_000.0 - 44 / 32_000.0, within(0.01));
            assertThat(pcm.incompleteReason()).isPresent();
        }
    }

    @Test
    void anM4aCutBeforeItsIndexIsAClearError() throws IOException {
        byte[] m4a = Files.readAllBytes(files.resolve("stereo44k.m4a"));
        Path truncated = Files.write(files.resolve("cut.m4a"), Arrays.copyOf(m4a, m4a.length / 2));

        assertThatThrownBy(() -> decoder.open(truncated))
                .isInstanceOf(AudioDecodingException.class)
                .hasMessage("Cannot decode audio file " + truncated + ": FFmpeg cannot read it as audio: moov atom"
                        + " not found (Invalid data found when processing input)");
    }

    @Test
    void anHtmlPageIsAClearError() throws IOException {
        Path html = Files.writeString(files.resolve("episode-42.mp3"),
                "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>\n");

        assertThatThrownBy(() -> decoder.open(html))
                .isInstanceOf(AudioDecodingException.class)
                .hasMessageStartingWith("Cannot decode audio file " + html + ": it is an HTML page, not audio")
                .satisfies(e -> assertThat(((AudioDecodingException) e).file()).isEqualTo(html));
    }

    @Test
    void aContainerPodcastsDoNotUseIsRefusedBeforeItIsParsed() throws IOException {
        Path avi = SCRIPT.encode(files.resolve("episode.avi"), new AudioEncoding("avi", "libmp3lame", 44_100, 2, 128,
                false));
        Path au = SCRIPT.encode(files.resolve("episode.au"), new AudioEncoding("au", "pcm_s16be", 16_000, 1, 0,
                false));

        assertThatThrownBy(() -> decoder.open(avi)).isInstanceOf(AudioDecodingException.class)
                .hasMessage("Cannot decode audio file " + avi + ": its container (avi) is not one podgrep decodes:"
                        + " MP3, MP4/M4A, Ogg, WAV, FLAC, AAC and WebM/Matroska are");
        assertThatThrownBy(() -> decoder.open(au)).isInstanceOf(AudioDecodingException.class)
                .hasMessageEndingWith(": its container (au) is not one podgrep decodes:"
                        + " MP3, MP4/M4A, Ogg, WAV, FLAC, AAC and WebM/Matroska are");
    }

    /** Cover art is a "video" stream to FFmpeg; its decoder (mjpeg) is not on the whitelist, the audio still is. */
    @Test
    void anMp3WithCoverArtStillDecodes() throws IOException {
        byte[] jpeg = java.util.Base64.getDecoder().decode("/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////"
                + "////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAA"
                + "AAAAAAAAAAP/aAAgBAQABPxA=");
        java.io.ByteArrayOutputStream apic = new java.io.ByteArrayOutputStream();
        apic.write(0);
        apic.writeBytes("image/jpeg".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        apic.write(0);
        apic.write(3); // front cover
        apic.write(0); // empty description
        apic.writeBytes(jpeg);
        byte[] body = apic.toByteArray();
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        int size = 10 + body.length;
        file.writeBytes(new byte[] {'I', 'D', '3', 3, 0, 0, (byte) (size >> 21 & 0x7f), (byte) (size >> 14 & 0x7f),
                (byte) (size >> 7 & 0x7f), (byte) (size & 0x7f), 'A', 'P', 'I', 'C', (byte) (body.length >> 24),
                (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length, 0, 0});
        file.writeBytes(body);
        file.writeBytes(Files.readAllBytes(files.resolve("stereo44k.mp3")));
        Path withCover = Files.write(files.resolve("with-cover.mp3"), file.toByteArray());

        try (PcmStream pcm = decoder.open(withCover)) {
            assertThat(pcm.readAllBytes().length / 32_000.0).isCloseTo(SCRIPT.durationSeconds(), within(0.03));
            assertThat(pcm.incompleteReason()).isEmpty();
        }
    }

    @Test
    void aPlaylistCannotMakeFfmpegFetchUrlsOrOpenOtherFiles() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            String segment = server.url("/segment.mp3").toString();
            Path hls = Files.writeString(files.resolve("episode.m3u8"), "#EXTM3U\n#EXT-X-VERSION:3\n"
                    + "#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n" + segment
                    + "\n#EXT-X-ENDLIST\n");
            Path hlsNamedMp3 = Files.copy(hls, files.resolve("hls-episode.mp3"));
            Path concat = Files.writeString(files.resolve("episode.ffconcat"), "ffconcat version 1.0\nfile '"
                    + files.resolve("stereo44k.mp3") + "'\nfile '" + segment + "'\n");

            for (Path playlist : List.of(hls, hlsNamedMp3, concat)) {
                assertThatThrownBy(() -> decoder.open(playlist)).as(playlist.getFileName().toString())
                        .isInstanceOf(AudioDecodingException.class)
                        .hasMessageStartingWith("Cannot decode audio file " + playlist + ": it is a text file, not"
                                + " audio; ");
            }
            assertThat(server.getRequestCount()).as("requests FFmpeg made").isZero();
        }
    }

    @Test
    void anEmptyFileIsAClearError() throws IOException {
        Path empty = Files.write(files.resolve("empty.mp3"), new byte[0]);

        assertThatThrownBy(() -> decoder.open(empty))
                .isInstanceOf(AudioDecodingException.class)
                .hasMessage("Cannot decode audio file " + empty + ": the file is empty (0 bytes)");
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = files.resolve("missing.mp3");

        assertThatThrownBy(() -> decoder.open(missing))
                .isInstanceOf(AudioDecodingException.class)
                .hasMessage("Cannot decode audio file " + missing + ": the file does not exist");
    }

    @Test
    void randomBytesAreAClearError() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path corrupt = Files.write(files.resolve("corrupt.mp3"), noise);

        assertThatThrownBy(() -> decoder.open(corrupt))
                .isInstanceOf(AudioDecodingException.class)
                .hasMessageStartingWith("Cannot decode audio file " + corrupt + ": ")
                .hasMessageContaining("Invalid data found when processing input");
    }

    @Test
    void aFileWithoutAnAudioStreamIsAClearError() throws IOException {
        Path subtitles = Files.writeString(files.resolve("episode.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHi\n");

        assertThatThrownBy(() -> decoder.open(subtitles))
                .isInstanceOf(AudioDecodingException.class)
                .hasMessageStartingWith("Cannot decode audio file " + subtitles + ": it is a text file, not audio");
    }

    @Test
    void closingTwiceIsHarmlessAndReadingAfterCloseFails() throws IOException {
        PcmStream pcm = decoder.open(files.resolve("mono.ogg"));
        pcm.close();
        pcm.close();

        assertThatThrownBy(() -> pcm.read(new byte[10])).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private static short[] shorts(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static double rms(short[] samples, double fromSeconds, double toSeconds) {
        int from = (int) Math.round(fromSeconds * 16_000);
        int to = (int) Math.round(toSeconds * 16_000);
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
