package dev.podgrep.app.search;

import dev.podgrep.app.elasticsearch.SearchClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.search.query.SegmentMatch;
import dev.podgrep.app.search.query.WordMatcher;
import dev.podgrep.app.search.query.ParsedQuery;
import co.elastic.clients.util.NamedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers searches over the segments index with timestamped hits.
 *
 * <p>The Elasticsearch query runs on the {@code keys} field (application-made match keys, whitespace analyzer;
 * see {@link dev.podgrep.app.names.MatchKey}); user text never becomes ES query syntax: every term is
 * a {@code term}, {@code fuzzy} or {@code match_phrase} query built with the Java client. For each hit the
 * application re-matches the stored keys with {@link WordMatcher} (the same semantics) to find the matched
 * words: {@code matchSeconds} is the stored start of the first one, and the highlight marks them.
 *
 * <p>Ranking: tiers, exact &gt; stem &gt; sound &gt; fuzzy, then BM25 (see {@link MatchQueries}); each hit says
 * how it matched ({@code matchKind}) and, when the transcript words differ from the query's, what was heard
 * ({@code heardAs}).
 */
@Service
public class SearchService {

    /** Episodes per page of the composite aggregation that counts matching episodes (collapse). */
    static final int EPISODE_PAGE = 10_000;
    private static final String EPISODES = "episodes";
    private static final Logger log = LoggerFactory.getLogger(SearchService.class);

    private final ElasticsearchClient client;
    private final String index;

    public SearchService(@SearchClient ElasticsearchClient client, SegmentsIndex segmentsIndex) {
        this.client = client;
        this.index = segmentsIndex.alias();
    }

    /**
     * Runs a search.
     *
     * @throws UncheckedIOException when Elasticsearch does not answer
     */
    public SearchResult search(SearchCriteria request) {
        try {
            SearchResponse<SegmentDocument> response = client.search(elasticsearchRequest(index, request),
                    SegmentDocument.class);
            long total;
            Map<String, Long> perEpisode;
            if (request.collapse()) {
                perEpisode = new HashMap<>();
                CompositeAggregate episodes = response.aggregations().get(EPISODES).composite();
                collectEpisodeCounts(episodes, perEpisode);
                while (episodes.buckets().array().size() == EPISODE_PAGE && episodes.afterKey() != null
                        && !episodes.afterKey().isEmpty()) {
                    episodes = moreEpisodeCounts(request, episodes.afterKey());
                    collectEpisodeCounts(episodes, perEpisode);
                }
                total = perEpisode.size();
            } else {
                total = response.hits().total().value();
                perEpisode = Map.of();
            }
            List<SearchHit> hits = new ArrayList<>();
            for (Hit<SegmentDocument> hit : response.hits().hits()) {
                SegmentDocument doc = hit.source();
                hits.add(toHit(doc, request.query(), request.collapse()
                        ? perEpisode.getOrDefault(doc.episodeId(), 1L) : null));
            }
            return new SearchResult(request.query().text(), total, request.window().page(), request.window().size(), hits);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer the search: " + e.getMessage(), e);
        }
    }

    /**
     * The complete Elasticsearch request the application sends for {@code request}: query, order, page, exact
     * total and, with {@code collapse}, the collapse on {@code episodeId} plus a composite aggregation counting
     * the matching segments of every matching episode (its bucket count is the exact number of episodes).
     * The search-latency benchmark (same package) sends exactly this straight to Elasticsearch.
     *
     * <p>Order: {@code relevance} = score, then newest episode, then episode id, then time in the episode;
     * {@code date} = newest episode first, then (collapsed: score, so that the episode's best segment
     * represents it; not collapsed: time in the episode, so an episode's hits read in order).
     */
    static co.elastic.clients.elasticsearch.core.SearchRequest elasticsearchRequest(String index,
                                                                                          SearchCriteria request) {
        Query query = query(request);
        return co.elastic.clients.elasticsearch.core.SearchRequest.of(s -> {
            s.index(index).query(query).from(request.window().from()).size(request.window().size())
                    .trackTotalHits(t -> t.enabled(true));
            if (request.sort() == SearchCriteria.Sort.DATE) {
                s.sort(o -> o.field(f -> f.field(SegmentsIndex.PUBLISHED_AT).order(SortOrder.Desc).missing("_last")));
                if (request.collapse()) {
                    s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
                }
            } else {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
                s.sort(o -> o.field(f -> f.field(SegmentsIndex.PUBLISHED_AT).order(SortOrder.Desc).missing("_last")));
            }
            s.sort(o -> o.field(f -> f.field(SegmentsIndex.EPISODE_ID).order(SortOrder.Asc)));
            s.sort(o -> o.field(f -> f.field(SegmentsIndex.START).order(SortOrder.Asc)));
            if (request.collapse()) {
                s.collapse(c -> c.field(SegmentsIndex.EPISODE_ID));
                s.aggregations(EPISODES, a -> a.composite(c -> c.size(EPISODE_PAGE).sources(episodeSource())));
            }
            return s;
        });
    }

    private static NamedValue<CompositeAggregationSource> episodeSource() {
        return NamedValue.of(SegmentsIndex.EPISODE_ID, CompositeAggregationSource.of(c -> c.terms(t -> t.field(SegmentsIndex.EPISODE_ID))));
    }

    private CompositeAggregate moreEpisodeCounts(SearchCriteria request, Map<String, FieldValue> after)
            throws IOException {
        SearchResponse<Void> more = client.search(s -> s.index(index).size(0).query(query(request))
                .aggregations(EPISODES, a -> a.composite(c -> c.size(EPISODE_PAGE).after(after)
                        .sources(episodeSource()))), Void.class);
        return more.aggregations().get(EPISODES).composite();
    }

    private static void collectEpisodeCounts(CompositeAggregate episodes, Map<String, Long> into) {
        for (CompositeBucket bucket : episodes.buckets().array()) {
            into.put(bucket.key().get(SegmentsIndex.EPISODE_ID).stringValue(), bucket.docCount());
        }
    }

    /** The Elasticsearch query for a request (see {@link MatchQueries}). */
    static Query query(SearchCriteria request) {
        return MatchQueries.segments(request.query(), request.feed(), request.language(), request.since(),
                request.until());
    }

    static SearchHit toHit(SegmentDocument doc, ParsedQuery query, Long matchingSegments) {
        List<String> keys = Arrays.asList(doc.keys().split(" "));
        List<String> words = doc.words().stream().map(SegmentDocument.StoredWord::word).toList();
        SegmentMatch match = keys.size() == words.size() ? WordMatcher.match(words, keys, query)
                : WordMatcher.matchWords(words, query);
        double matchSeconds;
        if (match.matches()) {
            matchSeconds = doc.words().get(match.firstMatchedWord()).start();
        } else {
            // Elasticsearch considered more fuzzy variants than the matcher accepts: rare; jump to the segment
            log.debug("no word of segment {}-{} re-matched '{}'", doc.episodeId(), doc.segment(), query.text());
            matchSeconds = doc.start();
        }
        return new SearchHit(doc.episodeId(), doc.episodeTitle(), doc.feed(), doc.language(), doc.publishedAt(),
                doc.audioUrl(), doc.episodeUrl(), doc.transcriptSource(), doc.start(), doc.end(), matchSeconds,
                doc.text(), WordMatcher.highlight(words, match.matchedWords()),
                deepLink(doc.audioUrl(), matchSeconds), matchingSegments,
                match.kind() == null ? null : match.kind().wireName(),
                match.heardAs().isEmpty() ? null : String.join(", ", match.heardAs()));
    }

    /** The audio URL with {@code #t=<seconds rounded down>} (a media fragment players start from); null without audio. */
    public static String deepLink(String audioUrl, double seconds) {
        if (audioUrl == null) {
            return null;
        }
        int hash = audioUrl.indexOf('#');
        String base = hash >= 0 ? audioUrl.substring(0, hash) : audioUrl;
        return base + "#t=" + (long) Math.floor(seconds);
    }
}
