package dev.podgrep.app.segments;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes timed transcripts into the segments index (see {@link SegmentsIndex}).
 *
 * <p>Re-indexing an episode (a re-transcription) replaces its segments in one step: documents have deterministic ids
 * ({@code <episodeId>-<segment number>}), so the new version overwrites the old one in place and the old segments
 * beyond the new count are deleted; the segments index has no periodic refresh ({@code refresh_interval: -1}), and
 * all of one episode's writes and deletes are made visible by a single explicit refresh, under a lock that keeps
 * this instance's other episodes from refreshing in between. So a search sees the old transcript or the new one,
 * never none, never both, never a mix. (Instances sharing one cluster refresh independently; an instance's refresh
 * could expose another's half-written episode for an instant. Re-transcriptions are rare; run them from one
 * instance.)
 *
 * <p>{@link #index} returns once the segments are visible to search, so an episode marked INDEXED is searchable.
 */
@Component
public class TranscriptIndexer {

    private static final Logger log = LoggerFactory.getLogger(TranscriptIndexer.class);
    private static final int BULK_SIZE = 500;

    private final ElasticsearchClient client;
    private final String alias;

    /** Held while one episode's segments are written and made visible (see the class comment). */
    private final Object visibility = new Object();

    public TranscriptIndexer(ElasticsearchClient client, SegmentsIndex index) {
        this.client = client;
        this.alias = index.alias();
    }

    /**
     * Indexes (or re-indexes) the transcript of an episode.
     *
     * @return the number of segments now stored for the episode
     */
    public int index(Episode episode, TimedTranscript transcript) {
        List<SegmentDocument> documents = documents(episode, transcript);
        synchronized (visibility) {
            return write(episode, documents);
        }
    }

    private int write(Episode episode, List<SegmentDocument> documents) {
        try {
            for (int from = 0; from < documents.size(); from += BULK_SIZE) {
                List<SegmentDocument> chunk = documents.subList(from, Math.min(documents.size(), from + BULK_SIZE));
                List<BulkOperation> operations = new ArrayList<>(chunk.size());
                for (SegmentDocument doc : chunk) {
                    operations.add(BulkOperation.of(b -> b.index(i -> i.index(alias)
                            .id(documentId(doc.episodeId(), doc.segment())).document(doc))));
                }
                BulkResponse response = client.bulk(b -> b.operations(operations));
                if (response.errors()) {
                    BulkResponseItem failed = response.items().stream().filter(i -> i.error() != null)
                            .findFirst().orElseThrow();
                    throw new IndexingException("Elasticsearch refused segment " + failed.id() + " of episode "
                            + episode.id() + ": " + failed.error().type() + ": " + failed.error().reason());
                }
            }
            int count = documents.size();
            deleteSegments(episode.id(), count);
            client.indices().refresh(r -> r.index(alias));
            log.debug("Indexed {} segments of episode {}", count, episode.id());
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index episode " + episode.id() + ": " + e.getMessage(), e);
        }
    }

    /** Removes every segment of these episodes (a feed's purge); they are no longer searchable when this returns. */
    public void deleteEpisodes(java.util.Collection<String> episodeIds) {
        synchronized (visibility) {
            deleteAll(episodeIds);
        }
    }

    private void deleteAll(java.util.Collection<String> episodeIds) {
        try {
            for (String episodeId : episodeIds) {
                deleteSegments(episodeId, 0);
            }
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete segments: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the episode's segments numbered {@code from} and up, without making it visible (the caller refreshes
     * once). The ids are collected first (search + search_after on the visible segments) and then deleted, not
     * {@code _delete_by_query}: that endpoint lives in ES's reindex module, which the local node lacks.
     */
    private void deleteSegments(String episodeId, int from) throws IOException {
        List<String> ids = new ArrayList<>();
        List<co.elastic.clients.elasticsearch._types.FieldValue> after = null;
        while (true) {
            List<co.elastic.clients.elasticsearch._types.FieldValue> searchAfter = after;
            var found = client.search(s -> {
                s.index(alias).size(BULK_SIZE).source(src -> src.fetch(false))
                        .sort(o -> o.field(f -> f.field(SegmentsIndex.SEGMENT)))
                        .query(q -> q.bool(b -> b
                                .filter(f -> f.term(t -> t.field(SegmentsIndex.EPISODE_ID).value(episodeId)))
                                .filter(f -> f.range(r -> r.number(n -> n.field(SegmentsIndex.SEGMENT)
                                        .gte((double) from))))));
                return searchAfter == null ? s : s.searchAfter(searchAfter);
            }, Void.class);
            found.hits().hits().forEach(h -> ids.add(h.id()));
            if (found.hits().hits().size() < BULK_SIZE) {
                break;
            }
            after = found.hits().hits().getLast().sort();
        }
        for (int at = 0; at < ids.size(); at += BULK_SIZE) {
            List<BulkOperation> deletes = ids.subList(at, Math.min(ids.size(), at + BULK_SIZE)).stream()
                    .map(id -> BulkOperation.of(b -> b.delete(d -> d.index(alias).id(id)))).toList();
            BulkResponse response = client.bulk(b -> b.operations(deletes));
            if (response.errors()) {
                BulkResponseItem failed = response.items().stream().filter(i -> i.error() != null)
                        .findFirst().orElseThrow();
                throw new IndexingException("Elasticsearch refused to delete segment " + failed.id() + ": "
                        + failed.error().reason());
            }
        }
    }

    /** The id of a segment's document: {@code <episodeId>-<segment number>}. */
    public static String documentId(String episodeId, int segment) {
        return episodeId + "-" + segment;
    }

    /**
     * The documents of an episode's segments exactly as {@link #index} writes them (numbered from 0 in time order);
     * for loaders that write many episodes in their own bulk requests (the search benchmark's corpus).
     */
    public static List<SegmentDocument> documents(Episode episode, TimedTranscript transcript) {
        List<SegmentDocument> documents = new ArrayList<>(transcript.segments().size());
        String published = episode.publishedAt() == null ? null : episode.publishedAt().toString();
        int number = 0;
        Double audioSeconds = transcript.segments().isEmpty() ? null : transcript.segments().getLast().end();
        for (Segment segment : transcript.segments()) {
            List<String> texts = segment.words().stream().map(Word::text).toList();
            MatchFields fields = MatchFields.of(texts);
            List<SegmentDocument.StoredWord> words = segment.words().stream()
                    .map(w -> new SegmentDocument.StoredWord(w.text(), w.start(), w.end(), w.confidence(),
                            w.interpolated()))
                    .toList();
            documents.add(new SegmentDocument(episode.id(), episode.feed(), episode.language(), episode.title(),
                    published, episode.audioUrl(), episode.episodeUrl(), transcript.source().wireName(), number,
                    segment.start(), segment.end(), segment.text(), fields.keys(), words, transcript.complete(),
                    fields.stems(), fields.sounds(), fields.occurrences(), number == 0 ? audioSeconds : null));
            number++;
        }
        return documents;
    }
}
