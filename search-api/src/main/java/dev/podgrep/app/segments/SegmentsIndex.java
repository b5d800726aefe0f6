package dev.podgrep.app.segments;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.podgrep.app.elasticsearch.IndexMigration;
import dev.podgrep.app.elasticsearch.IndexNames;
import org.springframework.stereotype.Component;

/**
 * The segments index, in one place: its alias ({@code <prefix>-segments}), mapping version and resource, and the
 * names of its fields. The indexer writes it ({@link TranscriptIndexer}), search queries it, and stored transcripts
 * are read back from it ({@link StoredTranscripts}); all of them take field names from here, so a mapping change is
 * made here and in the mapping resource, nowhere else.
 *
 * <p>One document per transcript segment ({@link SegmentDocument}), id {@code <episodeId>-<n>}. Creating the
 * index (or upgrading an older version) happens once, when this bean is made.
 */
@Component
public final class SegmentsIndex {

    /** Version of the mapping in {@link #MAPPING}; the concrete index is {@code <alias>-v<version>}. */
    public static final int MAPPING_VERSION = 1;
    static final String MAPPING = "/elasticsearch/segments-v1.json";

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

    private final String alias;

    public SegmentsIndex(ElasticsearchClient client, IndexNames names) {
        this.alias = names.segments();
        IndexMigration.ensure(client, alias, MAPPING_VERSION, MAPPING);
    }

    /** The alias every read and write goes through. */
    public String alias() {
        return alias;
    }
}
