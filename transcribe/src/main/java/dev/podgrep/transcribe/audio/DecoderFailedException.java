package dev.podgrep.transcribe.audio;

import java.nio.file.Path;

/**
 * The decoder process died or hung while decoding a file: "the decoder crashed on this file (signal 11, SIGSEGV)",
 * "the decoder hung on this file (no progress for 60 s)". The process that read the file is gone; the caller's
 * process is untouched. Final for that file as far as podgrep can tell: a crafted or broken file crashes FFmpeg
 * again on every attempt.
 */
public class DecoderFailedException extends AudioDecodingException {

    /** How the decoder failed. */
    public enum Kind {
        /** The process died before finishing (a native crash, a kill from outside, out of memory). */
        CRASHED,
        /** The process stopped delivering audio and was killed after the deadline. */
        HUNG
    }

    private final Kind kind;

    public DecoderFailedException(Path file, Kind kind, String reason) {
        super(file, reason);
        this.kind = kind;
    }

    /** Crashed or hung. */
    public Kind kind() {
        return kind;
    }
}
