package dev.podgrep.app.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.podgrep.app.elasticsearch.SearchClient;
import dev.podgrep.app.names.MatchKey;
import dev.podgrep.app.search.MatchQueries;
import dev.podgrep.app.search.SearchService;
import dev.podgrep.app.search.query.QueryTerm;
import dev.podgrep.app.search.query.WordMatcher;
import dev.podgrep.app.segments.MatchFields;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.PublicUrl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyword in context: every occurrence of a query in the stored transcripts, one {@link KwicRow} each, streamed.
 *
 * <p>The segments that match are the ones search finds ({@link MatchQueries#segments}, as a filter: no scoring),
 * read through a point in time with {@code search_after}, {@value #PAGE} at a time, newest episode first and in
 * reading order within an episode; the snapshot keeps the export consistent while ingestion goes on. In each segment
 * {@link WordMatcher#occurrences} finds every occurrence of the query's words and phrases, in every tier search
 * uses (exact, stem, sound, fuzzy), none counted twice. Context words reach into the neighbouring segment of the same
 * episode (read from the same snapshot, one request per page) when an occurrence sits near a segment's edge. Memory
 * is one page, whatever the size of the export.
 *
 * <p>At most {@value #MAX_ROWS} rows: before anything is written, Elasticsearch counts the occurrences (a nested
 * aggregation over the spoken words, as trends count them) and the matching segments (each holds at least one);
 * when either is over the limit the export is refused with the count and how to narrow it.
 */
@Service
public class OccurrenceExport {

    /** Most rows in one export. */
    public static final int MAX_ROWS = 100_000;
    /** Words of context on each side of an occurrence. */
    public static final int CONTEXT_WORDS = 10;
    static final int PAGE = 1_000;
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));
    private static final String MENTIONS = "mentions";
    private static final String MATCHING = "matching";
    private static final List<String> SOURCE = List.of(SegmentsIndex.EPISODE_ID, SegmentsIndex.FEED,
            SegmentsIndex.PUBLISHED_AT, SegmentsIndex.EPISODE_TITLE, "audioUrl", SegmentsIndex.TRANSCRIPT_SOURCE,
            SegmentsIndex.SEGMENT, SegmentsIndex.START, SegmentsIndex.KEYS, "words");
    private static final String WORDS = "words";

    private final ElasticsearchClient client;
    private final String index;
    private final long maxRows;

    @Autowired
    public OccurrenceExport(@SearchClient ElasticsearchClient client, SegmentsIndex segmentsIndex) {
        this(client, segmentsIndex, MAX_ROWS);
    }

    /** With another row limit than {@value #MAX_ROWS}: tests reach it without indexing 100,000 occurrences. */
    OccurrenceExport(ElasticsearchClient client, SegmentsIndex segmentsIndex, long maxRows) {
        this.client = client;
        this.index = segmentsIndex.alias();
        this.maxRows = maxRows;
    }

    /** Receives the rows, in order. */
    @FunctionalInterface
    public interface RowSink {
        void accept(KwicRow row) throws IOException;
    }

    /**
     * Checks that the export fits: call before the first byte of the answer.
     *
     * @return Elasticsearch's count of the occurrences (the rows the export will hold)
     * @throws BadRequestException  when more than {@value #MAX_ROWS} occurrences match
     * @throws UncheckedIOException when Elasticsearch does not answer
     */
    public long checkSize(ExportRequest request) {
        try {
            Query segments = segments(request);
            boolean countable = request.query().required().stream().noneMatch(t ->
                    t instanceof QueryTerm.Phrase p && p.keys().size() > MatchFields.MAX_COUNTED_PHRASE);
            SearchResponse<Void> counted = client.search(s -> {
                s.index(index).size(0).trackTotalHits(t -> t.enabled(true)).query(segments);
                if (countable) {
                    s.aggregations(MENTIONS, a -> a.nested(n -> n.path(SegmentsIndex.OCCURRENCES))
                            .aggregations(MATCHING, f -> f.filter(MatchQueries.occurrences(request.query()))));
                }
                return s;
            }, Void.class);
            long segmentCount = counted.hits().total().value();
            long occurrences = countable
                    ? counted.aggregations().get(MENTIONS).nested().aggregations().get(MATCHING).filter().docCount()
                    : segmentCount;
            long atLeast = Math.max(segmentCount, occurrences);
            if (atLeast > maxRows) {
                throw new BadRequestException(String.format(java.util.Locale.ROOT,
                        "%,d occurrences match; an export holds at most %,d: narrow it with feed, lang, since or until "
                                + "(for example one year at a time)", atLeast, maxRows));
            }
            return occurrences;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer the export count: " + e.getMessage(), e);
        }
    }

    /**
     * Streams every occurrence to {@code sink}.
     *
     * @param baseUrl the public base URL of the moment-page links (taken on the request's thread)
     * @return the number of rows
     * @throws UncheckedIOException when Elasticsearch stops answering part way (the rows sent so far are a prefix
     *                              of the export; the caller must not present them as complete)
     * @throws IOException          when the sink fails (the client went away)
     */
    public long export(ExportRequest request, String baseUrl, RowSink sink) throws IOException {
        String pit;
        try {
            pit = client.openPointInTime(o -> o.index(index).keepAlive(KEEP_ALIVE)).id();
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not open a point in time: " + e.getMessage(), e);
        }
        try {
            return export(request, baseUrl, sink, pit);
        } finally {
            try {
                client.closePointInTime(c -> c.id(pit));
            } catch (IOException | RuntimeException e) {
                // it expires on its own after KEEP_ALIVE
            }
        }
    }

    private long export(ExportRequest request, String baseUrl, RowSink sink, String pit) throws IOException {
        Query filter = Query.of(q -> q.bool(b -> b.filter(segments(request))));
        List<FieldValue> after = null;
        long rows = 0;
        while (true) {
            List<FieldValue> from = after;
            List<Hit<SegmentDocument>> hits = page(s -> {
                s.pit(p -> p.id(pit).keepAlive(KEEP_ALIVE)).query(filter).size(PAGE)
                        .sort(o -> o.field(f -> f.field(SegmentsIndex.PUBLISHED_AT).order(SortOrder.Desc)
                                .missing("_last")))
                        .sort(o -> o.field(f -> f.field(SegmentsIndex.EPISODE_ID).order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field(SegmentsIndex.START).order(SortOrder.Asc)))
                        .source(src -> src.filter(f -> f.includes(SOURCE)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            });
            if (hits.isEmpty()) {
                return rows;
            }
            List<Found> page = new ArrayList<>(hits.size());
            for (Hit<SegmentDocument> hit : hits) {
                Found found = Found.in(hit.source(), request);
                if (!found.occurrences().isEmpty()) {
                    page.add(found);
                }
            }
            Map<String, List<SegmentDocument.StoredWord>> neighbours = neighbours(pit, page);
            for (Found found : page) {
                for (KwicRow row : found.rows(neighbours, baseUrl)) {
                    if (++rows > maxRows) {
                        throw new IllegalStateException("more than " + maxRows + " occurrences: Elasticsearch "
                                + "counted fewer than the transcripts hold; the export was cut off");
                    }
                    sink.accept(row);
                }
            }
            after = hits.getLast().sort();
        }
    }

    private List<Hit<SegmentDocument>> page(
            java.util.function.Function<co.elastic.clients.elasticsearch.core.SearchRequest.Builder,
                    co.elastic.clients.util.ObjectBuilder<co.elastic.clients.elasticsearch.core.SearchRequest>> build) {
        try {
            return client.search(build, SegmentDocument.class).hits().hits();
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch stopped answering the export: " + e.getMessage(), e);
        }
    }

    /** A matching segment and the occurrences of the query in it. */
    private record Found(SegmentDocument doc, List<WordMatcher.Occurrence> occurrences) {

        static Found in(SegmentDocument doc, ExportRequest request) {
            List<String> words = doc.words().stream().map(SegmentDocument.StoredWord::word).toList();
            List<String> keys = doc.keys() == null ? List.of() : Arrays.asList(doc.keys().split(" "));
            return new Found(doc, WordMatcher.occurrences(words,
                    keys.size() == words.size() ? keys : MatchKey.keysOf(words), request.query()));
        }

        String id() {
            return TranscriptIndexer.documentId(doc.episodeId(), doc.segment());
        }

        /** The previous segment's id when an occurrence needs words from it, else null. */
        String previousNeeded() {
            return doc.segment() > 0 && occurrences.getFirst().from() < CONTEXT_WORDS
                    ? TranscriptIndexer.documentId(doc.episodeId(), doc.segment() - 1) : null;
        }

        /** The next segment's id when an occurrence needs words from it, else null. */
        String nextNeeded() {
            return doc.words().size() - occurrences.getLast().to() < CONTEXT_WORDS
                    ? TranscriptIndexer.documentId(doc.episodeId(), doc.segment() + 1) : null;
        }

        List<KwicRow> rows(Map<String, List<SegmentDocument.StoredWord>> neighbours, String baseUrl) {
            List<SegmentDocument.StoredWord> stored = doc.words();
            List<String> words = stored.stream().map(SegmentDocument.StoredWord::word).toList();
            List<SegmentDocument.StoredWord> previous = neighbours.getOrDefault(
                    TranscriptIndexer.documentId(doc.episodeId(), doc.segment() - 1), List.of());
            List<SegmentDocument.StoredWord> next = neighbours.getOrDefault(
                    TranscriptIndexer.documentId(doc.episodeId(), doc.segment() + 1), List.of());
            List<KwicRow> rows = new ArrayList<>(occurrences.size());
            for (WordMatcher.Occurrence o : occurrences) {
                double start = stored.get(o.from()).start();
                double end = stored.get(o.to() - 1).end();
                double confidence = 1.0;
                for (int i = o.from(); i < o.to(); i++) {
                    confidence = Math.min(confidence, stored.get(i).conf());
                }
                rows.add(new KwicRow(doc.episodeId(), doc.feed(), doc.publishedAt(), doc.episodeTitle(), start,
                        before(previous, words, o.from()), String.join(" ", words.subList(o.from(), o.to())),
                        after(words, o.to(), next), SearchService.deepLink(doc.audioUrl(), start),
                        PublicUrl.moment(baseUrl, doc.episodeId(), start, end), doc.transcriptSource(),
                        confidence));
            }
            return rows;
        }
    }

    private static String before(List<SegmentDocument.StoredWord> previous, List<String> words, int from) {
        List<String> context = new ArrayList<>(CONTEXT_WORDS);
        int fromPrevious = Math.max(0, CONTEXT_WORDS - from);
        for (int i = Math.max(0, previous.size() - fromPrevious); i < previous.size(); i++) {
            context.add(previous.get(i).word());
        }
        context.addAll(words.subList(Math.max(0, from - CONTEXT_WORDS), from));
        return String.join(" ", context);
    }

    private static String after(List<String> words, int to, List<SegmentDocument.StoredWord> next) {
        List<String> context = new ArrayList<>(words.subList(to, Math.min(words.size(), to + CONTEXT_WORDS)));
        for (int i = 0; context.size() < CONTEXT_WORDS && i < next.size(); i++) {
            context.add(next.get(i).word());
        }
        return String.join(" ", context);
    }

    /**
     * The words of the segments next to this page's matching segments where an occurrence needs them for context
     * (those in the page itself taken from it), from the same point in time: at most one request per page.
     */
    private Map<String, List<SegmentDocument.StoredWord>> neighbours(String pit, List<Found> page) {
        Map<String, List<SegmentDocument.StoredWord>> known = new HashMap<>();
        for (Found found : page) {
            known.put(found.id(), found.doc().words());
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (Found found : page) {
            String previous = found.previousNeeded();
            String next = found.nextNeeded();
            if (previous != null && !known.containsKey(previous)) {
                wanted.add(previous);
            }
            if (next != null && !known.containsKey(next)) {
                wanted.add(next);
            }
        }
        if (!wanted.isEmpty()) {
            List<String> ids = List.copyOf(wanted);
            List<Hit<SegmentDocument>> hits = page(s -> s.pit(p -> p.id(pit).keepAlive(KEEP_ALIVE))
                    .query(q -> q.ids(i -> i.values(ids))).size(ids.size())
                    .source(src -> src.filter(f -> f.includes(SegmentsIndex.EPISODE_ID, SegmentsIndex.SEGMENT,
                            WORDS))));
            for (Hit<SegmentDocument> hit : hits) {
                known.put(TranscriptIndexer.documentId(hit.source().episodeId(), hit.source().segment()),
                        hit.source().words());
            }
        }
        return known;
    }

    private static Query segments(ExportRequest request) {
        return MatchQueries.segments(request.query(), request.feed(), request.language(), request.since(),
                request.until());
    }
}
