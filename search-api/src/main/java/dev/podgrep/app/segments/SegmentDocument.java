package dev.podgrep.app.segments;

import java.util.List;

/**
 * One transcript segment as stored in the segments index: the unit a search hit is. Episode fields are copied
 * into every segment so that filters, sorting and collapsing need no join.
 *
 * @param keys     the match keys of {@code words}, one per word, space separated (see
 *                 {@link dev.podgrep.app.names.MatchKey}); indexed with the whitespace analyzer
 * @param complete false when the episode's audio decoded only in part (the transcript covers what decoded);
 *                 null in documents written before the field existed (read as complete)
 */
public record SegmentDocument(String episodeId, String feed, String language, String episodeTitle,
                              String publishedAt, String audioUrl, String episodeUrl, String transcriptSource,
                              int segment, double start, double end, String text, String keys,
                              List<StoredWord> words, Boolean complete) {

    /** A word with its times, kept in {@code _source} only (not indexed). */
    public record StoredWord(String word, double start, double end, double conf, boolean interpolated) {
    }
}
