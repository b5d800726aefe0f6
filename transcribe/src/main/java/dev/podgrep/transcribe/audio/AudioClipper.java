package dev.podgrep.transcribe.audio;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the audio of a quote out of an episode: an MP3 of exactly the window {@code [start, end)} of a source file (any
 * container {@link PcmDecoder} reads), encoded with the bundled FFmpeg's LAME, with ID3v2 title/artist/album tags and
 * a Xing/LAME header that tells players to drop the encoder's delay and padding. Boundaries are sample-exact in the
 * source's own timeline (as FFmpeg's timestamps give it) and clips are at most {@value #MAX_CLIP_SECONDS} s.
 *
 * <p>{@link #inChildProcess} (production) cuts in a child JVM like {@link PcmDecoder#inChildProcess}: the source may
 * have been fetched again from the publisher since it was transcribed, so it is as untrusted as at ingestion, and a
 * crash or hang of FFmpeg must cost a request, not the service. {@link #inProcess} cuts in this JVM (tests, tools).
 *
 * <pre>{@code
 * AudioClipper clipper = AudioClipper.inChildProcess(ChildDecoderSettings.fromCurrentJvm());
 * clipper.cut(Path.of("episode.mp3"), 61.5, 75.0,
 *         new ClipTags("the-naked-pravda — \"Episode\" (2026-01-02), 01:01–01:15", "the-naked-pravda", "Episode"),
 *         Path.of("quote.mp3"));
 * }</pre>
 */
public final class AudioClipper {

    /** Longest clip, in seconds. */
    public static final double MAX_CLIP_SECONDS = 300;

    private final ChildDecoderSettings child;

    private AudioClipper(ChildDecoderSettings child) {
        this.child = child;
    }

    /** Cuts in a child JVM started as {@code settings} say; it is killed after their no-progress timeout. */
    public static AudioClipper inChildProcess(ChildDecoderSettings settings) {
        return new AudioClipper(Objects.requireNonNull(settings, "settings"));
    }

    /** Cuts in this JVM. */
    public static AudioClipper inProcess() {
        return new AudioClipper(null);
    }

    /**
     * Writes the window {@code [start, end)} of {@code source} to {@code target} as MP3 (replacing it atomically).
     *
     * @param start seconds from the start of the audio, {@code >= 0}
     * @param end   seconds, {@code > start}, at most {@value #MAX_CLIP_SECONDS} s after it; a window reaching past
     *              the end of the audio is cut there
     * @throws IllegalArgumentException when the window is negative, inverted or too long
     * @throws AudioDecodingException   when the source is missing, empty or not audio of a podcast container
     * @throws ClipException            when the window starts after the audio ends, the decoder crashed or hung on
     *                                  the source, or the MP3 cannot be written
     * @throws DecoderStartException    when the child process cannot start
     */
    public void cut(Path source, double start, double end, ClipTags tags, Path target) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(target, "target");
        if (!(start >= 0) || !Double.isFinite(end) || !(end > start)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a clip needs 0 <= start < end, not %s-%s s", start, end));
        }
        if (end - start > MAX_CLIP_SECONDS + 1e-9) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a clip is at most %.0f s long, not %.3f s", MAX_CLIP_SECONDS, end - start));
        }
        if (child == null) {
            FfmpegClipCutter.cut(source, start, end, tags, target);
        } else {
            FfmpegPcmStream.checkReadableAudioFile(source);
            cutInChild(source, start, end, tags, target);
        }
    }

    private void cutInChild(Path source, double start, double end, ClipTags tags, Path target) throws IOException {
        List<String> command = child.command(List.of(DecoderProcessMain.CLIP, source.toAbsolutePath().toString(),
                Double.toString(start), Double.toString(end), target.toAbsolutePath().toString(),
                tags.title() == null ? "" : tags.title(), tags.artist() == null ? "" : tags.artist(),
                tags.album() == null ? "" : tags.album()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new DecoderStartException("cannot start the decoder process (" + child.javaExecutable() + " "
                    + child.describeLaunch() + "): " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(child.noProgressTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".part"));
                throw new ClipException("the decoder hung on " + source + " (no clip after "
                        + DecodingLimits.describe(child.noProgressTimeout()) + ")");
            }
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readNBytes(DecoderProtocol.MAX_TEXT_BYTES * 2);
            }
            String outcome = outcome(process, output, source);
            if (outcome == null) {
                return;
            }
            if (outcome.startsWith("!")) {
                throw new DecoderStartException("the decoder process could not start: " + outcome.substring(1),
                        null);
            }
            throw new ClipException(outcome);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("cutting a clip of " + source + " interrupted");
        } finally {
            process.getOutputStream().close();
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Null for success, the error otherwise ("!" first when the child never got ready). */
    private String outcome(Process process, byte[] output, Path source) {
        DataInputStream frames = new DataInputStream(new java.io.ByteArrayInputStream(output));
        boolean ready = false;
        try {
            int type = frames.read();
            if (type == DecoderProtocol.READY) {
                ready = true;
                type = frames.read();
            }
            if (type == DecoderProtocol.END) {
                return null;
            }
            if (type == DecoderProtocol.ERROR) {
                frames.readUnsignedByte();
                String reason = DecoderProtocol.readText(frames);
                return ready ? reason : "!" + reason;
            }
        } catch (IOException e) {
            // a frame cut short: the child died while writing it
        }
        int exit = process.exitValue();
        if (!ready) {
            return "!the decoder process ended before it was ready ("
                    + ChildProcessPcmStream.exitStatus(exit) + ")";
        }
        return "the decoder crashed on " + source + " (" + ChildProcessPcmStream.crashDescription(exit, "",
                ChildProcessPcmStream.crashReport(child, process.pid())) + ")";
    }
}
