package dev.podgrep.app.segments;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.podgrep.app.elasticsearch.IndexMigration;
import dev.podgrep.app.elasticsearch.IndexNames;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The segments index, in one place: its alias ({@code <prefix>-segments}), mapping version and resource, and the
 * names of its fields. The indexer writes it ({@link TranscriptIndexer}), search and trends query it, and stored
 * transcripts are read back from it ({@link StoredTranscripts}); all of them take field names from here, so a
 * mapping change is made here and in the mapping resource, nowhere else.
 *
 * <p>One document per transcript segment ({@link SegmentDocument}), id {@code <episodeId>-<n>}. Creating the
 * index (or upgrading an older version) happens once, when this bean is made.
 *
 * <h2>Version 2: matching tiers and occurrence counting</h2>
 * Analysis happens in the application ({@code dev.podgrep.app.names}), so the mapping uses only the whitespace
 * analyzer and keyword fields, which every Elasticsearch has. Per segment ({@link MatchFields}):
 * <ul>
 *   <li>{@value #KEYS}: the match key of every word, one term per word (positions = word numbers): exact word
 *       ({@code term}), phrase ({@code match_phrase}), near miss ({@code fuzzy}) and exclusions; BM25 orders hits
 *       within a tier.</li>
 *   <li>{@value #STEMS}: the stem of every word at the same positions (placeholders included), so that both a word
 *       ({@code terms}) and a phrase ({@code match_phrase}) match inflected forms. No norms (never scored).</li>
 *   <li>{@value #SOUNDS}: the set of Double Metaphone codes of every word and every run of two and three adjacent
 *       words ({@link dev.podgrep.app.names.SoundKey}): a name query matches a split rendering by a {@code terms}
 *       query. Docs only (no positions, no norms): it is a filter.</li>
 *   <li>{@value #OCCURRENCES}: {@code nested}, one hidden Lucene document per spoken word carrying its key, stem,
 *       the sound codes of the runs starting there and the 2-, 3- and 4-word key and stem n-grams starting there
 *       ({@link SegmentDocument.Occurrence}). A nested query with the same tiers as search selects the occurrences
 *       of the query's words and phrases, and a {@code nested} aggregation under a {@code date_histogram} counts
 *       them: exact occurrence counts inside Elasticsearch, never by pulling segments into the application. A
 *       phrase occurrence is counted once, at its first word, by a {@code term} query on the 64-bit hash of its
 *       n-gram ({@link MatchFields#phraseHash(String)}; no prefix expansion, and numbers instead of millions of
 *       unique strings in the terms dictionary).</li>
 *   <li>{@code stems}, {@code sounds} and {@code occurrences} are excluded from {@code _source}: they are derived
 *       from the stored words and recomputed on every upgrade, so storing them twice would only cost disk.</li>
 * </ul>
 * Limits (by design): trends count phrases of at most {@value MatchFields#MAX_COUNTED_PHRASE} words (longer ones
 * are refused with a 400); a sound match is counted at the word its run starts with (runs of the same name that
 * start at different words could count twice, which needs two overlapping sound-alike runs); each spoken word is a
 * nested Lucene document, which multiplies the Lucene documents by the words per segment (~12): the cost in disk
 * and bulk rate is measured in docs/benchmarks.md (search latency at scale).
 *
 * <p>{@value #AUDIO_SECONDS}, on each episode's segment 0 only, is the episode's indexed audio (the end of its
 * transcript), so that a {@code sum} per period is the audio indexed in that period, with or without mentions.
 *
 * <p>Version 1 indices (keys only) are upgraded at start: every segment is read, its match fields recomputed from
 * its stored words ({@link SegmentDocument#withMatchFields(Double)}; no re-transcription; segment 0 also gets its
 * episode's audio from the largest segment end stored in version 1) and written to version 2, then the alias moves
 * ({@link IndexMigration}).
 */
@Component
public final class SegmentsIndex {

    /** Version of the mapping in {@link #MAPPING}; the concrete index is {@code <alias>-v<version>}. */
    public static final int MAPPING_VERSION = 2;
    static final String MAPPING = "/elasticsearch/segments-v2.json";

    /** Field names of a segment document (see {@link SegmentDocument} and the mapping). */
    public static final String EPISODE_ID = "episodeId";
    public static final String FEED = "feed";
    public static final String LANGUAGE = "language";
    public static final String EPISODE_TITLE = "episodeTitle";
    public static final String PUBLISHED_AT = "publishedAt";
    public static final String TRANSCRIPT_SOURCE = "transcriptSource";
    public static final String SEGMENT = "segment";
    public static final String START = "start";
    public static final String END = "end";
    public static final String TEXT = "text";
    /** The match keys of the segment's words, one term per word (whitespace analyzer; see MatchKey). */
    public static final String KEYS = "keys";
    /** The stems of the segment's words, one term per word at the same positions as {@link #KEYS}. */
    public static final String STEMS = "stems";
    /** The sound codes of the segment's words and runs of two and three words. */
    public static final String SOUNDS = "sounds";
    /** The nested per-word documents used for counting occurrences. */
    public static final String OCCURRENCES = "occurrences";
    public static final String OCCURRENCE_KEY = OCCURRENCES + ".key";
    public static final String OCCURRENCE_STEM = OCCURRENCES + ".stem";
    public static final String OCCURRENCE_SOUNDS = OCCURRENCES + ".sounds";
    public static final String OCCURRENCE_KEY_PHRASES = OCCURRENCES + ".keyPhrases";
    public static final String OCCURRENCE_STEM_PHRASES = OCCURRENCES + ".stemPhrases";
    /** On segment 0 only: the episode's indexed audio in seconds (see {@link SegmentDocument#audioSeconds()}). */
    public static final String AUDIO_SECONDS = "audioSeconds";

    private final String alias;

    public SegmentsIndex(ElasticsearchClient client, IndexNames names) {
        this.alias = names.segments();
        String v1 = alias + "-v1";
        IndexMigration.ensure(client, alias, MAPPING_VERSION, MAPPING,
                new IndexMigration.Upgrade<>(1, SegmentDocument.class, doc -> doc.withMatchFields(
                        doc.segment() == 0 ? transcriptEnd(client, v1, doc.episodeId()) : null)));
    }

    /** The end of the last segment of an episode in {@code index} (version 1 has no audioSeconds). */
    private static Double transcriptEnd(ElasticsearchClient client, String index, String episodeId) {
        try {
            var response = client.search(s -> s.index(index).size(0)
                    .query(q -> q.term(t -> t.field(EPISODE_ID).value(episodeId)))
                    .aggregations("end", a -> a.max(m -> m.field(END))), Void.class);
            Double end = response.aggregations().get("end").max().value();
            return end == null || end.isInfinite() || end.isNaN() ? null : end;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read episode " + episodeId + " from " + index + ": "
                    + e.getMessage(), e);
        }
    }

    /** The alias every read and write goes through. */
    public String alias() {
        return alias;
    }
}
