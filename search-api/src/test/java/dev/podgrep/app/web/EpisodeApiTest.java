package dev.podgrep.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.episodes.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/episodes} and {@code GET /api/episodes/{id}} over real HTTP, on the {@link ApiCorpus} episodes
 * registered in the application's real {@link EpisodeStore}: tnp-navalny INDEXED, the others NEW.
 */
class EpisodeApiTest extends ApiTestSupport {

    @Autowired
    private EpisodeStore store;

    private static EpisodeStore registeredIn;

    @BeforeEach
    void registerEpisodes() {
        synchronized (EpisodeApiTest.class) {
            if (registeredIn == store) {
                return;
            }
            ApiCorpus.EPISODES.values().stream()
                    .collect(java.util.stream.Collectors.groupingBy(dev.podgrep.ingest.episode.Episode::feed))
                    .forEach(store::recordListing);
            var claim = store.claim("tnp-navalny", "episode-api-test").orElseThrow();
            store.indexed(claim, Provenance.asr("vosk-model-small-en-us-0.15", "ab12cd34",
                    java.time.Instant.parse("2026-03-01T07:00:00Z")),
                    ApiCorpus.TRANSCRIPTS.get("tnp-navalny").segments().size(), null);
            registeredIn = store;
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    @Test
    void theListIsNewestFirstWithAnExactTotal() {
        JsonNode page = getJson("/api/episodes");
        assertThat(page.path("total").asLong()).isEqualTo(4);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        assertThat(ids(page)).containsExactly("tnp-football", "mvk-navalny", "tnp-navalny", "chs-old");

        JsonNode second = getJson("/api/episodes?size=3&page=1");
        assertThat(second.path("total").asLong()).isEqualTo(4);
        assertThat(ids(second)).containsExactly("chs-old");
    }

    @Test
    void feedAndStatusFilter() {
        assertThat(ids(getJson("/api/episodes?feed=the-naked-pravda")))
                .containsExactly("tnp-football", "tnp-navalny");
        JsonNode indexed = getJson("/api/episodes?status=indexed");
        assertThat(indexed.path("total").asLong()).isEqualTo(1);
        assertThat(indexed.path("items").get(0).path("transcriptSource").asText()).isEqualTo("asr");
        assertThat(getJson("/api/episodes?status=NEW&feed=meduza-v-kurse").path("total").asLong()).isEqualTo(1);
        assertThat(getJson("/api/episodes?status=FAILED").path("items")).isEmpty();
    }

    @Test
    void oneEpisodeHasThePublicFieldsOnly() {
        JsonNode episode = getJson("/api/episodes/tnp-navalny");
        assertThat(episode.path("id").asText()).isEqualTo("tnp-navalny");
        assertThat(episode.path("guid").asText()).isEqualTo("guid-tnp-navalny");
        assertThat(episode.path("title").asText()).isEqualTo("The return of Alexei Navalny");
        assertThat(episode.path("feed").asText()).isEqualTo("the-naked-pravda");
        assertThat(episode.path("language").asText()).isEqualTo("en");
        assertThat(episode.path("publishedAt").asText()).isEqualTo("2026-01-15T06:00:00Z");
        assertThat(episode.path("audioUrl").asText()).isEqualTo("https://cdn.example.org/audio/tnp-navalny.mp3");
        assertThat(episode.path("episodeUrl").asText()).isEqualTo("https://example.org/episodes/tnp-navalny");
        assertThat(episode.path("durationSeconds").asDouble()).isEqualTo(1800.0);
        assertThat(episode.path("status").asText()).isEqualTo("INDEXED");
        assertThat(episode.path("attempts").asInt()).isZero();
        assertThat(episode.path("transcriptSource").asText()).isEqualTo("asr");
        assertThat(episode.has("error")).isTrue();
        assertThat(episode.has("claimedBy")).isFalse();
        assertThat(episode.has("audioFile")).isFalse();
        // the id is the one search hits carry
        assertThat(search("Moscow", null).path("hits").get(0).path("episodeId").asText()).isEqualTo(episode.path("id").asText());
    }

    @Test
    void anUnknownEpisodeIs404() {
        assertProblem(get("/api/episodes/no-such-episode"), 404, "no-such-episode");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "status=DONE    | status",
            "size=0         | size",
            "size=101       | size",
            "size=many      | size",
            "page=-1        | page",
            "page=500&size=100 | page",
    })
    void badParametersAreBadRequests(String query, String detail) {
        assertProblem(get("/api/episodes?" + query.strip()), 400, detail.strip());
    }
}
