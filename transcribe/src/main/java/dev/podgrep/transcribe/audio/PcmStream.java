package dev.podgrep.transcribe.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The decoded audio of one file as a stream of {@value PcmDecoder#SAMPLE_RATE} Hz mono signed 16-bit little-endian
 * PCM, decoded while read, from a {@link PcmDecoder}: in this process or in a child process, the same bytes either
 * way. Close it (try-with-resources): it owns FFmpeg's native state or the child process. Not thread-safe: one
 * reader.
 *
 * <p>Damage does not stop decoding where FFmpeg can go on: a truncated file yields the part before the cut, a damaged
 * frame is skipped. Once {@link #read} has returned -1, {@link #incompleteReason()} says whether and why the audio
 * came out only in part. Damage that stops decoding altogether (audio longer than the {@link DecodingLimits limit},
 * a decoder process that crashed or hung on the file) makes {@link #read} throw an {@link AudioDecodingException}.
 */
public abstract sealed class PcmStream extends InputStream permits FfmpegPcmStream, ChildProcessPcmStream {

    private final Path file;

    PcmStream(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file being decoded. */
    public final Path file() {
        return file;
    }

    /**
     * The duration the file declares (container header, Xing/Info frame, index) or FFmpeg estimates from its size and
     * bitrate, in seconds; empty when unknown (e.g. raw streams without headers). For progress, not for truth.
     */
    public abstract OptionalDouble durationSeconds();

    /** Seconds of audio delivered so far. */
    public abstract double secondsDecoded();

    /**
     * Why the audio came out only in part (a truncated file, a read error, damaged frames skipped), or empty when it
     * decoded whole. Known once {@link #read} has returned -1; empty before.
     */
    public abstract Optional<String> incompleteReason();

    /** True once {@link #read} has returned -1 and the audio decoded whole (no {@link #incompleteReason()}). */
    public final boolean complete() {
        return finished() && incompleteReason().isEmpty();
    }

    /** True once {@link #read} has returned -1. */
    abstract boolean finished();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] target, int offset, int length) throws IOException;

    /** Frees what decoding holds. Idempotent. */
    @Override
    public abstract void close();
}
