package dev.podgrep.app.search;

import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.segments.TranscriptIndexer;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.podgrep.app.search.TranscriptFixtures.asr;
import static dev.podgrep.app.search.TranscriptFixtures.episode;
import static dev.podgrep.app.search.TranscriptFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

/** The spine on the real local Elasticsearch: mapping + alias, bulk indexing, word and phrase search, re-indexing. */
class TranscriptIndexAndSearchTest {

    private static final ElasticsearchClient client = TestElasticsearch.client();
    private static final IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("spine"));
    private static TranscriptIndexer indexer;
    private static SearchService search;

    private static final Episode SANCTIONS = episode("tnp-sanctions", "the-naked-pravda", "en",
            "How sanctions changed Russia", "2026-03-01T06:00:00Z");
    private static final Episode PROTEST = episode("tnp-protest", "the-naked-pravda", "en",
            "A protest in the snow", "2026-04-01T06:00:00Z");

    @BeforeAll
    static void indexTwoEpisodes() {
        SegmentsIndex segments = new SegmentsIndex(client, names);
        indexer = new TranscriptIndexer(client, segments);
        search = new SearchService(client, segments);
        indexer.index(SANCTIONS, asr("en",
                segment(0.0, "welcome to the naked pravda"),
                segment(12.0, "today we talk about sanctions and the economy"),
                segment(31.5, "the central bank raised the key rate again")));
        indexer.index(PROTEST, asr("en",
                segment(3.0, "people came out in the snow"),
                segment(20.0, "the police detained dozens near the central square")));
    }

    @Test
    void theVersionedIndexAndItsAliasExistWithTheExplicitMapping() throws IOException {
        var aliases = client.indices().getAlias(a -> a.name(names.segments()));
        assertThat(aliases.aliases()).containsOnlyKeys(names.segments() + "-v2");
        var mapping = client.indices().getMapping(m -> m.index(names.segments()));
        var properties = mapping.mappings().get(names.segments() + "-v2").mappings().properties();
        assertThat(properties.get("keys").text().analyzer()).isEqualTo("whitespace");
        assertThat(properties.get("episodeId").isKeyword()).isTrue();
        assertThat(properties.get("publishedAt").isDate()).isTrue();
    }

    @Test
    void aWordIsFoundWithTheStoredTimeOfTheMatchedWord() {
        SearchResult result = search.search(SearchCriteria.of(QueryParser.parse("sanctions")));
        assertThat(result.total()).isEqualTo(1);
        SearchHit hit = result.hits().getFirst();
        assertThat(hit.episodeId()).isEqualTo("tnp-sanctions");
        assertThat(hit.startSeconds()).isEqualTo(12.0);
        // "today we talk about sanctions": the 5th word, 12.0 + 4 * 0.5
        assertThat(hit.matchSeconds()).isEqualTo(14.0);
        assertThat(hit.endSeconds()).isEqualTo(15.9); // 8th word: 12.0 + 3.5, 0.4 s long
        assertThat(hit.text()).isEqualTo("today we talk about sanctions and the economy");
        assertThat(hit.highlight()).isEqualTo("today we talk about <em>sanctions</em> and the economy");
        assertThat(hit.deepLink()).isEqualTo("https://cdn.example.org/audio/tnp-sanctions.mp3#t=14");
        assertThat(hit.episodeTitle()).isEqualTo("How sanctions changed Russia");
        assertThat(hit.publishedAt()).isEqualTo("2026-03-01T06:00:00Z");
    }

    @Test
    void aWordInBothEpisodesFindsBoth() {
        SearchResult result = search.search(SearchCriteria.of(QueryParser.parse("central")));
        assertThat(result.total()).isEqualTo(2);
        assertThat(result.hits()).extracting(SearchHit::episodeId)
                .containsExactlyInAnyOrder("tnp-sanctions", "tnp-protest");
        SearchHit protest = result.hits().stream().filter(h -> h.episodeId().equals("tnp-protest")).findFirst()
                .orElseThrow();
        // "the police detained dozens near the central": 7th word, 20.0 + 6 * 0.5
        assertThat(protest.matchSeconds()).isEqualTo(23.0);
    }

    @Test
    void aQuotedPhraseMatchesOnlyTheExactSequence() {
        SearchResult phrase = search.search(SearchCriteria.of(QueryParser.parse("\"central bank\"")));
        assertThat(phrase.total()).isEqualTo(1);
        SearchHit hit = phrase.hits().getFirst();
        assertThat(hit.episodeId()).isEqualTo("tnp-sanctions");
        // "the central bank": the phrase starts at the 2nd word, 31.5 + 0.5
        assertThat(hit.matchSeconds()).isEqualTo(32.0);
        assertThat(hit.highlight()).isEqualTo("the <em>central</em> <em>bank</em> raised the key rate again");

        SearchResult reversed = search.search(SearchCriteria.of(QueryParser.parse("\"bank central\"")));
        assertThat(reversed.total()).isZero();
        assertThat(reversed.hits()).isEmpty();
    }

    @Test
    void aTranscriptOfPartlyDecodedAudioStaysMarkedIncompleteWhenReadBack() {
        Episode episode = episode("truncated", "the-naked-pravda", "en", "Cut short", "2026-06-01T06:00:00Z");
        indexer.index(episode, new TimedTranscript(java.util.List.of(segment(0, "only the first minute")),
                dev.podgrep.transcribe.transcript.TranscriptSource.ASR, "en", false));
        var stored = new dev.podgrep.app.segments.StoredTranscripts(client, new SegmentsIndex(client, names));
        TimedTranscript readBack = dev.podgrep.app.segments.StoredTranscripts.transcript(stored.segments("truncated"));
        assertThat(readBack.complete()).isFalse();
        assertThat(readBack.words()).extracting(w -> w.text()).containsExactly("only", "the", "first", "minute");

        TimedTranscript whole = dev.podgrep.app.segments.StoredTranscripts.transcript(stored.segments("tnp-protest"));
        assertThat(whole.complete()).isTrue();
    }

    @Test
    void reindexingAnEpisodeLeavesExactlyOneCopyOfItsSegments() throws IOException {
        Episode episode = episode("reindexed", "the-naked-pravda", "en", "Reindexed", "2026-05-01T06:00:00Z");
        TimedTranscript first = asr("en", segment(0, "first version alpha"), segment(10, "first version bravo"),
                segment(20, "first version charlie"));
        TimedTranscript second = asr("en", segment(0, "second version alpha"), segment(10, "second version bravo"));
        assertThat(indexer.index(episode, first)).isEqualTo(3);
        assertThat(indexer.index(episode, second)).isEqualTo(2);
        assertThat(indexer.index(episode, second)).isEqualTo(2);

        long stored = client.count(c -> c.index(names.segments())
                .query(q -> q.term(t -> t.field("episodeId").value("reindexed")))).count();
        assertThat(stored).isEqualTo(2);
        assertThat(search.search(SearchCriteria.of(QueryParser.parse("first version"))).total()).isZero();
        assertThat(search.search(SearchCriteria.of(QueryParser.parse("second version"))).total()).isEqualTo(2);
    }
}
