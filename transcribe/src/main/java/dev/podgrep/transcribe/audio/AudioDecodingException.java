package dev.podgrep.transcribe.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file could not be decoded at all: missing, empty, not audio (an HTML error page, say), or damaged beyond
 * the first sound. The message names the file and the cause; {@link #reason()} holds the cause alone.
 *
 * <p>A file that decodes in part (truncated, say) does not throw: {@link PcmStream#incompleteReason()} tells.
 */
public class AudioDecodingException extends IOException {

    private final transient Path file;
    private final String reason;

    public AudioDecodingException(Path file, String reason) {
        this(file, reason, null);
    }

    public AudioDecodingException(Path file, String reason, Throwable cause) {
        super("Cannot decode audio file " + file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that could not be decoded. */
    public Path file() {
        return file;
    }

    /** Why, without the file name, e.g. "the file is empty (0 bytes)". */
    public String reason() {
        return reason;
    }
}
