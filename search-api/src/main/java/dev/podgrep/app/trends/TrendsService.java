package dev.podgrep.app.trends;

import dev.podgrep.app.elasticsearch.SearchClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.NamedValue;
import dev.podgrep.app.search.MatchQueries;
import dev.podgrep.app.search.query.InvalidQueryException;
import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.search.query.QueryTerm;
import dev.podgrep.app.segments.MatchFields;
import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.web.BadRequestException;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mentions of a query over time, counted by Elasticsearch (GDELT's Television Explorer normalised by airtime, for
 * podcasts).
 *
 * <h2>How it counts</h2>
 * Two aggregation requests on the segments index, none of which returns a segment (see {@link SegmentsIndex} for the
 * fields):
 * <ol>
 *   <li><b>Mentions and episodes.</b> The segments that match the whole query, exactly as search finds them
 *       ({@link MatchQueries#segments}: every required term in any tier, no exclusion, the filters) are grouped by a
 *       {@code composite} aggregation on (period of {@code publishedAt}, {@code episodeId}); inside each group a
 *       {@code nested} aggregation over the spoken words with a {@code filter} of {@link MatchQueries#occurrences}
 *       counts the occurrences of the query's words and phrases (in every tier: exact, stem, sound, fuzzy; a phrase
 *       once, at its first word). A period's {@code mentions} is the sum over its groups, its {@code episodes} the
 *       number of groups with a mention: exact (no cardinality estimate), paged with {@code after_key}.</li>
 *   <li><b>Indexed audio.</b> Over all segments of the filters (with or without mentions), a
 *       {@code date_histogram} of {@code publishedAt} sums {@code audioSeconds}, which only each episode's first
 *       segment carries (the end of its transcript): the audio of the period's indexed episodes.</li>
 * </ol>
 * Periods run from the bucket of {@code since} (or of the first indexed episode) to the bucket of {@code until} (or of
 * the last), every period listed, empty ones with zeros. {@code mentionsPerHour} is {@code mentions / audioHours}.
 *
 * <p>Limits: phrases of more than {@value MatchFields#MAX_COUNTED_PHRASE} words cannot be counted (400); at most
 * {@value #MAX_BUCKETS} periods (400: use a larger interval or narrow the dates).
 */
@Service
public class TrendsService {

    /** Most periods in one answer. */
    public static final int MAX_BUCKETS = 5_000;
    private static final int PAGE = 5_000;
    private static final String PERIOD = "period";
    private static final String EPISODE = "episode";

    private final ElasticsearchClient client;
    private final String index;

    public TrendsService(@SearchClient ElasticsearchClient client, SegmentsIndex segmentsIndex) {
        this.client = client;
        this.index = segmentsIndex.alias();
    }

    /** What to count: the parsed query, the period width and the same filters as search. */
    public record TrendsRequest(ParsedQuery query, TrendInterval interval, String feed, String language,
                                LocalDate since, LocalDate until) {
        public TrendsRequest {
            if (since != null && until != null && since.isAfter(until)) {
                throw new BadRequestException("parameter 'since' (" + since + ") is after 'until' (" + until + ")");
            }
            for (QueryTerm term : query.required()) {
                if (term instanceof QueryTerm.Phrase p && p.keys().size() > MatchFields.MAX_COUNTED_PHRASE) {
                    throw new InvalidQueryException("Trends count phrases of at most " + MatchFields.MAX_COUNTED_PHRASE
                            + " words; \"" + p.text() + "\" has " + p.keys().size() + ".");
                }
            }
        }
    }

    /**
     * Counts.
     *
     * @throws UncheckedIOException when Elasticsearch does not answer
     */
    public Trends trends(TrendsRequest request) {
        if (request.since() != null && request.until() != null) {
            checkBucketCount(request.interval(), request.since(), request.until());
        }
        try {
            Map<LocalDate, long[]> mentions = mentions(request);
            Map<LocalDate, Double> audio = audioSeconds(request);
            List<TrendBucket> buckets = new ArrayList<>();
            LocalDate first = request.since() != null ? request.since() : firstKey(audio, mentions);
            LocalDate last = request.until() != null ? request.until() : lastKey(audio, mentions);
            if (first != null && last != null && !first.isAfter(last)) {
                TrendInterval interval = request.interval();
                checkBucketCount(interval, first, last);
                for (LocalDate at = interval.start(first); !at.isAfter(last); at = interval.next(at)) {
                    long[] m = mentions.getOrDefault(at, new long[2]);
                    double hours = audio.getOrDefault(at, 0.0) / 3600.0;
                    buckets.add(new TrendBucket(at.toString(), m[0], m[1], round(hours),
                            hours > 0 ? round(m[0] / hours) : 0.0));
                }
            }
            return new Trends(request.query().text(), request.interval().wireName(), buckets);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer the trends request: " + e.getMessage(), e);
        }
    }

    private static void checkBucketCount(TrendInterval interval, LocalDate first, LocalDate last) {
        if (interval.count(first, last) > MAX_BUCKETS) {
            throw new BadRequestException("the trend would have more than " + MAX_BUCKETS + " " + interval.wireName()
                    + "s: use a larger interval or narrow 'since'/'until'");
        }
    }

    /** Per period start: {mentions, episodes with a mention}. */
    private Map<LocalDate, long[]> mentions(TrendsRequest request) throws IOException {
        Query segments = MatchQueries.segments(request.query(), request.feed(), request.language(), request.since(),
                request.until());
        Query occurrences = MatchQueries.occurrences(request.query());
        Map<LocalDate, long[]> perPeriod = new TreeMap<>();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> afterKey = after;
            SearchResponse<Void> response = client.search(s -> s.index(index).size(0).trackTotalHits(t -> t.enabled(false))
                    .query(q -> q.constantScore(c -> c.filter(segments)))
                    .aggregations("pairs", a -> a
                            .composite(c -> {
                                c.size(PAGE).sources(periodSource(request.interval()), episodeSource());
                                return afterKey == null ? c : c.after(afterKey);
                            })
                            .aggregations("words", Aggregation.of(w -> w
                                    .nested(n -> n.path(SegmentsIndex.OCCURRENCES))
                                    .aggregations("mentions", Aggregation.of(m -> m.filter(occurrences)))))),
                    Void.class);
            CompositeAggregate pairs = response.aggregations().get("pairs").composite();
            for (CompositeBucket bucket : pairs.buckets().array()) {
                long count = bucket.aggregations().get("words").nested().aggregations().get("mentions").filter()
                        .docCount();
                if (count > 0) {
                    long[] m = perPeriod.computeIfAbsent(day(bucket.key().get(PERIOD).longValue()), k -> new long[2]);
                    m[0] += count;
                    m[1]++;
                }
            }
            if (pairs.buckets().array().size() < PAGE || pairs.afterKey() == null || pairs.afterKey().isEmpty()) {
                return perPeriod;
            }
            after = pairs.afterKey();
        }
    }

    /** Per period start: indexed audio in seconds. */
    private Map<LocalDate, Double> audioSeconds(TrendsRequest request) throws IOException {
        Query filters = MatchQueries.filtersOnly(request.feed(), request.language(), request.since(), request.until());
        SearchResponse<Void> response = client.search(s -> s.index(index).size(0).trackTotalHits(t -> t.enabled(false))
                .query(q -> q.bool(b -> b.filter(filters)
                        .filter(f -> f.exists(e -> e.field(SegmentsIndex.AUDIO_SECONDS)))))
                .aggregations("periods", a -> a
                        .dateHistogram(h -> h.field(SegmentsIndex.PUBLISHED_AT)
                                .calendarInterval(request.interval().elasticsearch()).timeZone("UTC").minDocCount(1))
                        .aggregations("audio", Aggregation.of(x -> x.sum(m -> m.field(SegmentsIndex.AUDIO_SECONDS))))),
                Void.class);
        Map<LocalDate, Double> perPeriod = new TreeMap<>();
        for (DateHistogramBucket bucket : response.aggregations().get("periods").dateHistogram().buckets().array()) {
            perPeriod.put(day(bucket.key()), bucket.aggregations().get("audio").sum().value());
        }
        return perPeriod;
    }

    private static NamedValue<CompositeAggregationSource> periodSource(TrendInterval interval) {
        return NamedValue.of(PERIOD, CompositeAggregationSource.of(c -> c.dateHistogram(h -> h
                .field(SegmentsIndex.PUBLISHED_AT).calendarInterval(t -> t.time(interval.wireName()))
                .timeZone("UTC"))));
    }

    private static NamedValue<CompositeAggregationSource> episodeSource() {
        return NamedValue.of(EPISODE, CompositeAggregationSource.of(c -> c.terms(t -> t.field(SegmentsIndex.EPISODE_ID))));
    }

    private static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate firstKey(Map<LocalDate, ?> a, Map<LocalDate, ?> b) {
        LocalDate x = a.isEmpty() ? null : ((TreeMap<LocalDate, ?>) a).firstKey();
        LocalDate y = b.isEmpty() ? null : ((TreeMap<LocalDate, ?>) b).firstKey();
        return x == null ? y : y == null ? x : x.isBefore(y) ? x : y;
    }

    private static LocalDate lastKey(Map<LocalDate, ?> a, Map<LocalDate, ?> b) {
        LocalDate x = a.isEmpty() ? null : ((TreeMap<LocalDate, ?>) a).lastKey();
        LocalDate y = b.isEmpty() ? null : ((TreeMap<LocalDate, ?>) b).lastKey();
        return x == null ? y : y == null ? x : x.isAfter(y) ? x : y;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
