package dev.podgrep.transcribe.transcript;

import java.io.IOException;
import java.util.Locale;

/**
 * A transcript would hold more words than one episode may have ({@link #DEFAULT_MAX_WORDS} unless configured): the
 * work stopped there instead of filling memory and the index. Final for that episode: it ends the same way again.
 */
public class TranscriptTooLongException extends IOException {

    /** Words one episode's transcript may hold by default: about 20 hours of fast speech. */
    public static final int DEFAULT_MAX_WORDS = 200_000;

    private final int maxWords;

    public TranscriptTooLongException(String what, int maxWords) {
        super(what + " has more than " + formatCount(maxWords) + " words, the limit per episode");
        this.maxWords = maxWords;
    }

    /** The limit that was exceeded. */
    public int maxWords() {
        return maxWords;
    }

    /** 200000 as "200,000". */
    public static String formatCount(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
