package dev.podgrep.transcribe.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
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

    /**
     * How much FFmpeg reports. Its lines go to the SLF4J logger {@code dev.podgrep.transcribe.audio.FFmpeg} at
     * DEBUG (never to stderr), and the last error of a file is quoted in that file's exception or incompleteness
     * reason (e.g. "moov atom not found").
     */
    public enum NativeLogLevel {
        /** Nothing: exceptions then give FFmpeg's error codes only. */
        QUIET(AV_LOG_QUIET),
        /** Errors (the default): damaged frames, unreadable headers. */
        ERRORS(AV_LOG_ERROR),
        WARNINGS(AV_LOG_WARNING),
        INFO(AV_LOG_INFO);

        private final int avLogLevel;

        NativeLogLevel(int avLogLevel) {
            this.avLogLevel = avLogLevel;
        }
    }

    static {
        FfmpegLog.install();
        setNativeLogLevel(NativeLogLevel.ERRORS);
    }

    /** Sets how much FFmpeg reports, for the whole process ({@link NativeLogLevel#ERRORS} by default). */
    public static void setNativeLogLevel(NativeLogLevel level) {
        av_log_set_level(level.avLogLevel);
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
