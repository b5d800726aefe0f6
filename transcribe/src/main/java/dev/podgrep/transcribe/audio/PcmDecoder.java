package dev.podgrep.transcribe.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.nio.file.Path;

/**
 * Decodes podcast audio (MP3, M4A/AAC, Ogg/Opus, WAV, FLAC, ...; mono or stereo; any sample rate) to the PCM Vosk
 * takes: {@value #SAMPLE_RATE} Hz, mono, signed 16-bit little-endian.
 *
 * <p>Decoding is streamed: {@link #open} returns a {@link PcmStream} that decodes one compressed packet at a time
 * while it is read, so memory stays bounded (a few KB of PCM) whatever the episode's length, and nothing is written
 * to disk. It uses the FFmpeg libraries shipped through Maven ({@code org.bytedeco:ffmpeg}), in-process: never a
 * system FFmpeg. (Not the {@code ffmpeg} executable bundled in the same jar either: it links libavdevice, which needs
 * the system's PulseAudio client library, absent on servers and CI machines.)
 *
 * <p>Thread-safe and stateless: one decoder can open any number of streams concurrently; each stream is used by one
 * thread and must be closed (try-with-resources).
 *
 * <pre>{@code
 * try (PcmStream pcm = new PcmDecoder().open(Path.of("episode.mp3"))) {
 *     byte[] chunk = new byte[16_000];
 *     for (int n; (n = pcm.read(chunk)) > 0; ) { ... }
 *     pcm.incompleteReason().ifPresent(reason -> ...);   // e.g. a truncated download
 * }
 * }</pre>
 */
public final class PcmDecoder {

    /** Sample rate of the PCM a {@link PcmStream} delivers, in Hz. */
    public static final int SAMPLE_RATE = 16_000;
    /** Bytes per sample (signed 16-bit little-endian, one channel). */
    public static final int BYTES_PER_SAMPLE = 2;
    /** Bytes of PCM per second of audio. */
    public static final int BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_SAMPLE;

    static {
        FfmpegLog.install();
        av_log_set_level(AV_LOG_ERROR); // errors only: they are quoted in exceptions and incompleteness reasons
    }

    /**
     * Opens {@code audioFile} for decoding.
     *
     * @param audioFile a local audio file in any format FFmpeg reads
     * @return a stream of {@value #SAMPLE_RATE} Hz mono s16le PCM; the caller closes it
     * @throws AudioDecodingException when the file is missing, empty, not audio or holds no decodable audio stream;
     *                                the message names the file and the cause
     */
    public PcmStream open(Path audioFile) throws AudioDecodingException {
        return PcmStream.open(audioFile);
    }
}
