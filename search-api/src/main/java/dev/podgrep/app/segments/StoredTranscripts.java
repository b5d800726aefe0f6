package dev.podgrep.app.segments;

import dev.podgrep.app.elasticsearch.SearchClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an episode's transcript back from the segments index, where {@link TranscriptIndexer}
 * stored it: one document per segment, numbered from 0 in time order, with every word's start, end and confidence
 * in {@code _source}. Nothing else stores transcripts, so this is what the transcript and quote endpoints serve.
 */
@Component
public class StoredTranscripts {

    private static final int PAGE = 1_000;

    private final ElasticsearchClient client;
    private final String index;

    public StoredTranscripts(@SearchClient ElasticsearchClient client, SegmentsIndex segmentsIndex) {
        this.client = client;
        this.index = segmentsIndex.alias();
    }

    /** All stored segments of the episode, ordered by segment number; empty when it has none (or is unknown). */
    public List<SegmentDocument> segments(String episodeId) {
        return find(episodeId, null, null);
    }

    /**
     * The stored segments of the episode that overlap {@code [from, to]} (a segment starting before {@code to}
     * and ending at or after {@code from}), ordered by segment number.
     */
    public List<SegmentDocument> segmentsOverlapping(String episodeId, double from, double to) {
        return find(episodeId, from, to);
    }

    /** Whether any segment of the episode is stored. */
    public boolean exists(String episodeId) {
        try {
            return client.count(c -> c.index(index)
                    .query(q -> q.term(t -> t.field(SegmentsIndex.EPISODE_ID).value(episodeId)))).count() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer: " + e.getMessage(), e);
        }
    }

    private List<SegmentDocument> find(String episodeId, Double from, Double to) {
        List<SegmentDocument> segments = new ArrayList<>();
        List<FieldValue> after = null;
        try {
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<SegmentDocument> page = client.search(s -> {
                    s.index(index).size(PAGE).trackTotalHits(t -> t.enabled(false))
                            .sort(o -> o.field(f -> f.field(SegmentsIndex.SEGMENT).order(SortOrder.Asc)))
                            .query(q -> q.bool(b -> {
                                b.filter(f -> f.term(t -> t.field(SegmentsIndex.EPISODE_ID).value(episodeId)));
                                if (from != null) {
                                    b.filter(f -> f.range(r -> r.number(n -> n.field(SegmentsIndex.START).lt(to))));
                                    b.filter(f -> f.range(r -> r.number(n -> n.field(SegmentsIndex.END).gte(from))));
                                }
                                return b;
                            }));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, SegmentDocument.class);
                List<Hit<SegmentDocument>> hits = page.hits().hits();
                hits.forEach(h -> segments.add(h.source()));
                if (hits.size() < PAGE) {
                    return segments;
                }
                after = hits.getLast().sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer: " + e.getMessage(), e);
        }
    }

    /**
     * The timed transcript made of stored segments (as {@link #segments(String)} returns them); {@code complete}
     * is false when the indexer recorded that the audio decoded only in part.
     */
    public static TimedTranscript transcript(List<SegmentDocument> segments) {
        List<Segment> rebuilt = new ArrayList<>(segments.size());
        for (SegmentDocument doc : segments) {
            List<Word> words = doc.words().stream()
                    .map(w -> new Word(w.word(), w.start(), w.end(), w.conf(), w.interpolated()))
                    .toList();
            rebuilt.add(new Segment(words));
        }
        SegmentDocument first = segments.isEmpty() ? null : segments.getFirst();
        TranscriptSource source = first != null && first.transcriptSource() != null
                ? TranscriptSource.valueOf(first.transcriptSource().toUpperCase(Locale.ROOT)) : TranscriptSource.ASR;
        boolean complete = segments.stream().noneMatch(d -> Boolean.FALSE.equals(d.complete()));
        return new TimedTranscript(rebuilt, source, first == null ? null : first.language(), complete);
    }
}
