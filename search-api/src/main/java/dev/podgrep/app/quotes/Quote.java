package dev.podgrep.app.quotes;

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
 */
public record Quote(String text, double startSeconds, double endSeconds, List<QuotedWord> words, String citation) {

    public Quote {
        words = List.copyOf(words);
    }
}
