package dev.podgrep.app.export;

import java.util.List;

/**
 * One occurrence of the query, keyword in context: one row of the export.
 *
 * @param publishedAt      the episode's publication time, ISO-8601 UTC as the feed gave it (null when it gave none)
 * @param matchSeconds     the start of the occurrence's first word, in seconds from the start of the episode
 * @param before           up to {@value OccurrenceExport#CONTEXT_WORDS} words spoken just before (reaching into
 *                         the previous segment when the occurrence opens one)
 * @param match            the words of the occurrence as spoken (a phrase, or a name heard as several words, is
 *                         one occurrence)
 * @param after            up to {@value OccurrenceExport#CONTEXT_WORDS} words spoken just after
 * @param deepLink         the audio URL with {@code #t=<matchSeconds rounded down>}
 * @param link             podgrep's moment page of the occurrence ({@code /episodes/{id}?t=&end=})
 * @param transcriptSource {@code asr} (recognised by podgrep) or {@code publisher} (the feed's own transcript)
 * @param confidence       the recogniser's confidence in the occurrence, 0..1: the lowest of its words' (1 for
 *                         publisher transcripts)
 */
public record KwicRow(String episodeId, String feed, String publishedAt, String episodeTitle, double matchSeconds,
                      String before, String match, String after, String deepLink, String link,
                      String transcriptSource, double confidence) {

    /** The columns, in order: the CSV header and the JSON field names. */
    public static final List<String> COLUMNS = List.of("episodeId", "feed", "publishedAt", "episodeTitle",
            "matchSeconds", "before", "match", "after", "deepLink", "link", "transcriptSource", "confidence");
}
