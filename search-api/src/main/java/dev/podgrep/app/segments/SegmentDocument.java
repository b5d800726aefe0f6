package dev.podgrep.app.segments;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One transcript segment as stored in the segments index: the unit a search hit is. Episode fields are copied
 * into every segment so that filters, sorting and collapsing need no join. The match fields ({@code keys},
 * {@code stems}, {@code sounds}, {@code occurrences}) are derived from the words ({@link MatchFields}); only
 * {@code keys} is kept in {@code _source}, the others are indexed only (they read back as null).
 *
 * @param keys        the match keys of {@code words}, one per word, space separated (see
 *                    {@link dev.podgrep.app.names.MatchKey}); indexed with the whitespace analyzer
 * @param stems       the stems of {@code words}, one per word at the same positions
 *                    ({@link dev.podgrep.app.names.Stem}), space separated; null when read back
 * @param sounds      the sound codes of the segment's words and runs of words
 *                    ({@link dev.podgrep.app.names.SoundKey}), space separated; null when read back
 * @param occurrences one entry per word with a key, for counting occurrences (nested); null when read back
 * @param complete    false when the episode's audio decoded only in part (the transcript covers what decoded);
 *                    null in documents written before the field existed (read as complete)
 * @param audioSeconds on the episode's first segment (number 0) only: the episode's indexed audio, the end of its
 *                    transcript's last word; null on every other segment. Summed per period it is the indexed
 *                    audio of that period (trends' {@code audioHours}), one value per episode without a join.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentDocument(String episodeId, String feed, String language, String episodeTitle,
                              String publishedAt, String audioUrl, String episodeUrl, String transcriptSource,
                              int segment, double start, double end, String text, String keys,
                              List<StoredWord> words, Boolean complete, String stems, String sounds,
                              List<Occurrence> occurrences, Double audioSeconds) {

    /** A word with its times, kept in {@code _source} only (not indexed). */
    public record StoredWord(String word, double start, double end, double conf, boolean interpolated) {
    }

    /**
     * One spoken word, indexed as a nested document so that Elasticsearch can count occurrences (not segments).
     *
     * @param key         its match key
     * @param stem        its stem
     * @param sounds      the sound codes of the runs of one to three words that start with it
     * @param keyPhrases  the keys of the two, three and four words that start with it, space separated and hashed
     *                    ({@link MatchFields#phraseHash(String)}): a phrase of up to four words occurs here when the
     *                    hash of its keys is one of these
     * @param stemPhrases the same with stems
     */
    public record Occurrence(String key, String stem, List<String> sounds, List<Long> keyPhrases,
                             List<Long> stemPhrases) {
    }

    /**
     * This document with its match fields computed again from its words and the given {@code audioSeconds} (what
     * an index upgrade writes).
     */
    public SegmentDocument withMatchFields(Double audioSeconds) {
        MatchFields fields = MatchFields.of(words.stream().map(StoredWord::word).toList());
        return new SegmentDocument(episodeId, feed, language, episodeTitle, publishedAt, audioUrl, episodeUrl,
                transcriptSource, segment, start, end, text, fields.keys(), words, complete, fields.stems(),
                fields.sounds(), fields.occurrences(), audioSeconds);
    }
}
