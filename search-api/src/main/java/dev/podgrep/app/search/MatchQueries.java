package dev.podgrep.app.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.podgrep.app.names.Fuzziness;
import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.search.query.QueryTerm;
import dev.podgrep.app.search.query.SegmentMatch;
import dev.podgrep.app.segments.MatchFields;
import dev.podgrep.app.segments.SegmentsIndex;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The Elasticsearch queries for a {@link ParsedQuery}, shared by search (which segments, ranked by tier) and
 * trends (which spoken words, counted). User text never becomes query syntax: every term is a {@code term},
 * {@code terms}, {@code fuzzy} or {@code match_phrase} query built with the Java client on application-made keys.
 *
 * <h2>Ranking tiers</h2>
 * Each required word is a {@code dis_max} of constant scores, one per tier ({@link SegmentMatch.Kind}):
 * exact key {@value #EXACT}, stem {@value #STEM}, sound code {@value #SOUND}, fuzzy key {@value #FUZZY}; a required
 * phrase is exact ({@value #EXACT}) or stems ({@value #STEM}). A segment's score is the sum over the required terms
 * plus the BM25 score of its exact keys (a tie-breaker, far below one tier step). So for one word an exact hit always
 * ranks above a stem hit, which ranks above a sound hit, which ranks above a fuzzy one, whatever BM25 says; with
 * several words, the segment whose words matched in better tiers ranks first.
 */
public final class MatchQueries {

    static final float EXACT = 4000f;
    static final float STEM = 3000f;
    static final float SOUND = 2000f;
    static final float FUZZY = 1000f;

    private MatchQueries() {
    }

    /** The segment-level query: every required term in its tiers, no excluded term, and the filters. */
    public static Query segments(ParsedQuery parsed, String feed, String language, LocalDate since, LocalDate until) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        for (QueryTerm term : parsed.required()) {
            bool.must(required(term));
        }
        for (QueryTerm term : parsed.excluded()) {
            bool.mustNot(exact(term));
        }
        filters(bool, feed, language, since, until);
        return bool.build()._toQuery();
    }

    /** Only the filters (feed, language, publication dates): all segments of a period, with or without mentions. */
    public static Query filtersOnly(String feed, String language, LocalDate since, LocalDate until) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        filters(bool, feed, language, since, until);
        return bool.build()._toQuery();
    }

    /**
     * The occurrence-level query, inside the nested {@value SegmentsIndex#OCCURRENCES} documents: a spoken word that
     * is an occurrence of one of the required terms in any tier (a phrase at its first word). Used under a segment
     * query that already requires every term and excludes the exclusions.
     */
    public static Query occurrences(ParsedQuery parsed) {
        BoolQuery.Builder any = new BoolQuery.Builder().minimumShouldMatch("1");
        for (QueryTerm term : parsed.required()) {
            switch (term) {
                case QueryTerm.Word w -> {
                    any.should(term(SegmentsIndex.OCCURRENCE_KEY, w.key()));
                    any.should(terms(SegmentsIndex.OCCURRENCE_STEM, w.stems()));
                    if (!w.sounds().isEmpty()) {
                        any.should(terms(SegmentsIndex.OCCURRENCE_SOUNDS, w.sounds()));
                    }
                    if (w.maxEdits() > 0) {
                        any.should(fuzzy(SegmentsIndex.OCCURRENCE_KEY, w.key()));
                    }
                }
                case QueryTerm.Phrase p -> {
                    if (p.keys().size() == 1) {
                        any.should(term(SegmentsIndex.OCCURRENCE_KEY, p.keys().getFirst()));
                        any.should(term(SegmentsIndex.OCCURRENCE_STEM, p.stems().getFirst()));
                    } else {
                        any.should(hash(SegmentsIndex.OCCURRENCE_KEY_PHRASES, p.keysText()));
                        any.should(hash(SegmentsIndex.OCCURRENCE_STEM_PHRASES, p.stemsText()));
                    }
                }
            }
        }
        return any.build()._toQuery();
    }

    private static void filters(BoolQuery.Builder bool, String feed, String language, LocalDate since,
                                LocalDate until) {
        if (feed != null) {
            bool.filter(f -> f.term(t -> t.field(SegmentsIndex.FEED).value(feed)));
        }
        if (language != null) {
            bool.filter(f -> f.term(t -> t.field(SegmentsIndex.LANGUAGE).value(language)));
        }
        if (since != null || until != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field(SegmentsIndex.PUBLISHED_AT);
                if (since != null) {
                    d.gte(since.toString());
                }
                if (until != null) {
                    d.lte(until + "T23:59:59.999Z");
                }
                return d;
            })));
        }
    }

    private static Query required(QueryTerm term) {
        return switch (term) {
            case QueryTerm.Word w -> {
                List<Query> tiers = new java.util.ArrayList<>(4);
                tiers.add(constant(term(SegmentsIndex.KEYS, w.key()), EXACT));
                tiers.add(constant(terms(SegmentsIndex.STEMS, w.stems()), STEM));
                if (!w.sounds().isEmpty()) {
                    tiers.add(constant(terms(SegmentsIndex.SOUNDS, w.sounds()), SOUND));
                }
                if (w.maxEdits() > 0) {
                    tiers.add(constant(fuzzy(SegmentsIndex.KEYS, w.key()), FUZZY));
                }
                Query best = Query.of(q -> q.disMax(d -> d.queries(tiers).tieBreaker(0.0)));
                // BM25 of the exact key orders hits within a tier
                yield Query.of(q -> q.bool(b -> b.must(best).should(term(SegmentsIndex.KEYS, w.key()))));
            }
            case QueryTerm.Phrase p -> {
                Query exact = Query.of(q -> q.matchPhrase(m -> m.field(SegmentsIndex.KEYS).query(p.keysText())));
                Query stems = Query.of(q -> q.matchPhrase(m -> m.field(SegmentsIndex.STEMS).query(p.stemsText())));
                yield Query.of(q -> q.disMax(d -> d.tieBreaker(0.0).queries(constant(exact, EXACT),
                        constant(stems, STEM))));
            }
        };
    }

    private static Query exact(QueryTerm term) {
        return switch (term) {
            case QueryTerm.Word w -> term(SegmentsIndex.KEYS, w.key());
            case QueryTerm.Phrase p -> Query.of(q -> q.matchPhrase(m -> m.field(SegmentsIndex.KEYS).query(p.keysText())));
        };
    }

    private static Query constant(Query filter, float boost) {
        return Query.of(q -> q.constantScore(c -> c.filter(filter).boost(boost)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query hash(String field, String ngram) {
        long hash = MatchFields.phraseHash(ngram);
        return Query.of(q -> q.term(t -> t.field(field).value(hash)));
    }

    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> list = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(list))));
    }

    private static Query fuzzy(String field, String key) {
        return Query.of(q -> q.fuzzy(f -> f.field(field).value(key).fuzziness(Fuzziness.ELASTICSEARCH)
                .transpositions(true).prefixLength(0)));
    }
}
