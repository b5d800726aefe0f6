package dev.podgrep.app.segments;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.search.SearchCriteria;
import dev.podgrep.app.search.SearchHit;
import dev.podgrep.app.search.SearchResult;
import dev.podgrep.app.search.SearchService;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.trends.TrendInterval;
import dev.podgrep.app.trends.TrendsService;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static dev.podgrep.app.search.TranscriptFixtures.asr;
import static dev.podgrep.app.search.TranscriptFixtures.episode;
import static dev.podgrep.app.search.TranscriptFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An index written by podgrep before matching tiers ({@code -segments-v1}: keys only) is upgraded at start to
 * version 2: every segment kept with its words and times, the match fields recomputed from the stored words (no
 * re-transcription), the alias moved, the old index gone; stems, sounds and trends work on the upgraded data.
 */
class SegmentsIndexUpgradeTest {

    private static final Episode RU = episode("up-ru", "meduza-v-kurse", "ru", "Старый выпуск",
            "2025-03-02T06:00:00Z");
    private static final Episode EN = episode("up-en", "the-naked-pravda", "en", "An old episode",
            "2025-03-20T06:00:00Z");
    private static final TimedTranscript RU_TRANSCRIPT = asr("ru", segment(0, "вчера допросили Путинцева снова"),
            segment(10, "военнопленных вернули домой"), segment(95, "конец"));
    private static final TimedTranscript EN_TRANSCRIPT = asr("en", segment(0, "then put in sev said no"),
            segment(7, "the end"));

    @Test
    void aVersionOneIndexIsUpgradedFromItsStoredWords() throws Exception {
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("segup"));
        String v1 = names.segments() + "-v1";
        try (InputStream mapping = getClass().getResourceAsStream("/elasticsearch/segments-v1.json")) {
            client.indices().create(c -> c.index(v1).withJson(mapping).aliases(names.segments(), a -> a));
        }
        int written = 0;
        for (var entry : List.of(java.util.Map.entry(RU, RU_TRANSCRIPT), java.util.Map.entry(EN, EN_TRANSCRIPT))) {
            for (SegmentDocument doc : TranscriptIndexer.documents(entry.getKey(), entry.getValue())) {
                SegmentDocument asV1 = new SegmentDocument(doc.episodeId(), doc.feed(), doc.language(),
                        doc.episodeTitle(), doc.publishedAt(), doc.audioUrl(), doc.episodeUrl(),
                        doc.transcriptSource(), doc.segment(), doc.start(), doc.end(), doc.text(), doc.keys(),
                        doc.words(), doc.complete(), null, null, null, null);
                client.index(i -> i.index(v1).id(TranscriptIndexer.documentId(doc.episodeId(), doc.segment()))
                        .document(asV1));
                written++;
            }
        }
        client.indices().refresh(r -> r.index(v1));
        // version 1 cannot find inflected or split forms
        assertThat(client.count(c -> c.index(v1).query(q -> q.term(t -> t.field("keys").value("putintsev"))))
                .count()).isZero();

        SegmentsIndex index = new SegmentsIndex(client, names);

        assertThat(client.indices().exists(e -> e.index(v1)).value()).as("old index removed").isFalse();
        assertThat(client.indices().getAlias(a -> a.name(names.segments())).aliases())
                .containsOnlyKeys(names.segments() + "-v2");
        assertThat(client.count(c -> c.index(names.segments())).count()).isEqualTo(written);
        StoredTranscripts stored = new StoredTranscripts(client, index);
        assertThat(StoredTranscripts.transcript(stored.segments("up-ru")).words())
                .isEqualTo(RU_TRANSCRIPT.words());

        SearchService search = new SearchService(client, index);
        SearchResult inflected = search.search(SearchCriteria.of(QueryParser.parse("Путинцев")));
        assertThat(inflected.hits()).extracting(SearchHit::episodeId).containsExactly("up-ru", "up-en");
        assertThat(inflected.hits()).extracting(SearchHit::matchKind).containsExactly("stem", "sound");
        assertThat(inflected.hits()).extracting(SearchHit::heardAs).containsExactly("Путинцева", "put in sev");
        assertThat(search.search(SearchCriteria.of(QueryParser.parse("военнопленные"))).total()).isEqualTo(1);

        // the episode's audio (its transcript's end) was recovered for trends from the version 1 segments
        var trends = new TrendsService(client, index).trends(new TrendsService.TrendsRequest(
                QueryParser.parse("putintsev"), TrendInterval.MONTH, null, null, null, null));
        assertThat(trends.buckets()).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo("2025-03-01");
            assertThat(b.mentions()).isEqualTo(2);
            assertThat(b.episodes()).isEqualTo(2);
            assertThat(b.audioHours()).isEqualTo(Math.round((95.4 + 7.9) / 3600.0 * 1000) / 1000.0);
        });

        // a second start finds the current version and changes nothing
        new SegmentsIndex(client, names);
        assertThat(client.count(c -> c.index(names.segments())).count()).isEqualTo(written);
    }
}
