package dev.podgrep.transcribe.audio;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The audio is longer than {@link DecodingLimits#maxAudioDuration()}: decoding stopped there (or did not start, when
 * the file declares its duration). Final for that file: decoding it again ends the same way.
 */
public class AudioTooLongException extends AudioDecodingException {

    private final Duration limit;
    private final String detail;

    public AudioTooLongException(Path file, Duration limit, String detail) {
        super(file, "the audio is longer than the " + DecodingLimits.describe(limit) + " limit"
                + (detail == null ? "" : " (" + detail + ")"));
        this.limit = limit;
        this.detail = detail;
    }

    /** What showed it, e.g. "the file declares 7.5 h", or null when decoding crossed the limit. */
    public String detail() {
        return detail;
    }

    /** The limit that was exceeded. */
    public Duration limit() {
        return limit;
    }
}
