package dev.podgrep.transcribe.audio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Decodes podcast audio (MP3, M4A/AAC, Ogg/Opus/Vorbis, WAV, FLAC, raw AAC, WebM; mono or stereo; any sample rate) to
 * the PCM Vosk takes: {@value #SAMPLE_RATE} Hz, mono, signed 16-bit little-endian.
 *
 * <p>Decoding is streamed: {@link #open} returns a {@link PcmStream} that decodes while it is read, so memory stays
 * bounded whatever the episode's length, and nothing is written to disk. It uses the FFmpeg libraries shipped
 * through Maven ({@code org.bytedeco:ffmpeg}): never a system FFmpeg. (Not the {@code ffmpeg} executable bundled in
 * the same jar either: it links libavdevice, which needs the system's PulseAudio client library, absent on servers
 * and CI machines.)
 *
 * <p>Two ways to run FFmpeg, the same PCM either way:
 * <ul>
 *   <li>{@link #inChildProcess} (production): FFmpeg runs in a small child JVM ({@link DecoderProcessMain}) that
 *       streams the PCM back over a pipe. A file that crashes FFmpeg or makes it hang fails that file with a
 *       {@link DecoderFailedException} ("the decoder crashed on this file (SIGSEGV, signal 11)") and leaves this
 *       process untouched; FFmpeg's native code never runs here.</li>
 *   <li>{@link #inProcess}: FFmpeg runs in this JVM, on the reading thread. Cheaper by a JVM start per file; for
 *       tests and tools that decode trusted files.</li>
 * </ul>
 * Both refuse containers other than those podcasts use (no playlists, no URLs: FFmpeg may read only the given file)
 * and audio longer than {@link DecodingLimits#maxAudioDuration()}.
 *
 * <p>Thread-safe and stateless: one decoder can open any number of streams concurrently; each stream is used by one
 * thread and must be closed (try-with-resources).
 *
 * <pre>{@code
 * PcmDecoder decoder = PcmDecoder.inChildProcess(ChildDecoderSettings.fromCurrentJvm());
 * try (PcmStream pcm = decoder.open(Path.of("episode.mp3"))) {
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

    private final ChildDecoderSettings child;
    private final DecodingLimits limits;

    private PcmDecoder(ChildDecoderSettings child, DecodingLimits limits) {
        this.child = child;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Decodes in a child JVM per file, as {@code settings} say (limits included). */
    public static PcmDecoder inChildProcess(ChildDecoderSettings settings) {
        return new PcmDecoder(Objects.requireNonNull(settings, "settings"), settings.limits());
    }

    /** Decodes in this JVM, with {@code limits}. */
    public static PcmDecoder inProcess(DecodingLimits limits) {
        return new PcmDecoder(null, limits);
    }

    /** Decodes in this JVM with the {@link DecodingLimits#DEFAULT default limits}. */
    public static PcmDecoder inProcess() {
        return inProcess(DecodingLimits.DEFAULT);
    }

    /** True when each file is decoded in a child process. */
    public boolean isolated() {
        return child != null;
    }

    /** The limits every stream of this decoder is held to. */
    public DecodingLimits limits() {
        return limits;
    }

    /**
     * Opens {@code audioFile} for decoding. The first sound is decoded before this returns, so that a file with no
     * decodable audio fails here.
     *
     * @param audioFile a local audio file in a container podcasts use
     * @return a stream of {@value #SAMPLE_RATE} Hz mono s16le PCM; the caller closes it
     * @throws AudioDecodingException     when the file is missing, empty, not audio, of a refused container, longer
     *                                    than the limit, or holds no decodable audio stream, or when the decoder
     *                                    process crashed or hung on it ({@link DecoderFailedException}); the
     *                                    message names the file and the cause
     * @throws DecoderStartException      when the decoder process cannot be started (not the file's fault)
     * @throws java.io.InterruptedIOException when the thread is interrupted while the child starts
     */
    public PcmStream open(Path audioFile) throws java.io.IOException {
        Objects.requireNonNull(audioFile, "audioFile");
        return child == null ? FfmpegPcmStream.open(audioFile, limits) : ChildProcessPcmStream.open(audioFile, child);
    }

    @Override
    public String toString() {
        return "PcmDecoder[" + (child == null ? "in-process" : "child process") + ", max "
                + limits.describe() + "]";
    }
}
