package dev.podgrep.transcribe.format;

/**
 * A transcript could not be read: its content breaks the rules of its format, or its format carries no times.
 * The message says which format, where (a 1-based line number when the problem sits on one line) and what was
 * wrong, e.g. {@code SRT line 7: cannot read the timestamp '00:61:00,000': minutes must be 0-59}.
 *
 * <p>Checked on purpose: a publisher's transcript is outside data, and a caller is expected to fall back (to
 * recognising the audio) when it cannot be read.
 */
public class TranscriptFormatException extends Exception {

    private final String format;
    private final int line;

    /**
     * @param format  the format being read, as users know it ({@code SRT}, {@code WebVTT}, ...)
     * @param line    the 1-based line where the problem is, or 0 when it concerns the whole content
     * @param problem what was wrong, phrased for a user
     */
    public TranscriptFormatException(String format, int line, String problem) {
        this(format, line, problem, null);
    }

    /** Like {@link #TranscriptFormatException(String, int, String)}, keeping the underlying cause. */
    public TranscriptFormatException(String format, int line, String problem, Throwable cause) {
        super(format + (line > 0 ? " line " + line : "") + ": " + problem, cause);
        this.format = format;
        this.line = line;
    }

    /** The format being read ({@code SRT}, {@code WebVTT}, {@code Podcasting 2.0 JSON}, ...). */
    public String format() {
        return format;
    }

    /** The 1-based line of the problem, or 0 when the problem concerns the content as a whole. */
    public int line() {
        return line;
    }
}
