package dev.podgrep.transcribe.format;

/**
 * A transcript whose format podgrep does not take as a timed source: HTML and plain text carry no cue times, and
 * content that is neither SRT, WebVTT nor JSON cannot be placed on the audio's time line.
 */
public class UnsupportedTranscriptFormatException extends TranscriptFormatException {

    /**
     * @param mimeType the declared MIME type (may be null when none was declared)
     * @param problem  why the transcript is refused
     */
    public UnsupportedTranscriptFormatException(String mimeType, String problem) {
        super(mimeType == null || mimeType.isBlank() ? "transcript of undeclared type" : "transcript of type '" + mimeType + "'",
                0, problem);
    }
}
