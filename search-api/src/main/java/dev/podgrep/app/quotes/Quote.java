package dev.podgrep.app.quotes;

import java.time.Instant;
import java.util.List;

/**
 * The exact words spoken in a time window of an episode, with a citation (see {@link Quotes} for which words a
 * window includes).
 *
 * @param text         the words joined by single spaces
 * @param startSeconds the start of the first included word (not the requested start)
 * @param endSeconds   the end of the last included word (not the requested end)
 * @param words        the included words in time order
 * @param citation     {@code <feed> — "<title>" (<yyyy-mm-dd>), mm:ss–mm:ss}, see {@link Citation}
 * @param link         the moment page of the quote ({@code /episodes/{id}?t=&end=}), absolute
 * @param provenance   where the words came from
 */
public record Quote(String text, double startSeconds, double endSeconds, List<QuotedWord> words, String citation,
                    String link, Source provenance) {

    public Quote {
        words = List.copyOf(words);
    }

    /**
     * Where a quote's words came from.
     *
     * @param transcriptSource {@code asr} or {@code publisher}
     * @param model            the speech model of an ASR transcript, null for publisher transcripts (or unknown)
     * @param audioSha256      SHA-256 of the audio file recognised, null for publisher transcripts (or unknown)
     * @param transcribedAt    when the words were recognised or fetched (null when not recorded)
     */
    public record Source(String transcriptSource, String model, String audioSha256, Instant transcribedAt) {
    }
}
