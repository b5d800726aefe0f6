package dev.podgrep.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.app.web.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/search} over real HTTP on the {@link dev.podgrep.app.web.ApiCorpus}: every query form, names
 * across scripts and near misses, filters, order, collapse, pages, escaping and every 400.
 */
class SearchApiTest extends ApiTestSupport {

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.path("hits").forEach(h -> ids.add(h.path("episodeId").asText()));
        return ids;
    }

    private static JsonNode hitOf(JsonNode result, String episodeId, double startSeconds) {
        for (JsonNode hit : result.path("hits")) {
            if (hit.path("episodeId").asText().equals(episodeId) && hit.path("startSeconds").asDouble() == startSeconds) {
                return hit;
            }
        }
        throw new AssertionError("no hit of " + episodeId + " at " + startSeconds + " in " + result);
    }

    @Test
    void aWordComesBackWithEverythingAListenerNeedsToJumpThere() {
        JsonNode result = search("Moscow", null);
        assertThat(result.path("query").asText()).isEqualTo("Moscow");
        assertThat(result.path("total").asLong()).isEqualTo(1);
        JsonNode hit = result.path("hits").get(0);
        assertThat(hit.path("episodeId").asText()).isEqualTo("tnp-navalny");
        assertThat(hit.path("episodeTitle").asText()).isEqualTo("The return of Alexei Navalny");
        assertThat(hit.path("feed").asText()).isEqualTo("the-naked-pravda");
        assertThat(hit.path("language").asText()).isEqualTo("en");
        assertThat(hit.path("publishedAt").asText()).isEqualTo("2026-01-15T06:00:00Z");
        assertThat(hit.path("audioUrl").asText()).isEqualTo("https://cdn.example.org/audio/tnp-navalny.mp3");
        assertThat(hit.path("episodeUrl").asText()).isEqualTo("https://example.org/episodes/tnp-navalny");
        assertThat(hit.path("startSeconds").asDouble()).isEqualTo(10.0);
        assertThat(hit.path("endSeconds").asDouble()).isEqualTo(13.4);
        // "today Alexei Navalny came back to Moscow": Moscow is word 6 -> 10.0 + 3.0
        assertThat(hit.path("matchSeconds").asDouble()).isEqualTo(13.0);
        assertThat(hit.path("text").asText()).isEqualTo("today Alexei Navalny came back to Moscow");
        assertThat(hit.path("highlight").asText()).isEqualTo("today Alexei Navalny came back to <em>Moscow</em>");
        assertThat(hit.path("deepLink").asText()).isEqualTo("https://cdn.example.org/audio/tnp-navalny.mp3#t=13");
        assertThat(hit.has("matchingSegments")).isFalse();
    }

    @Test
    void allPlainWordsMustOccurInTheSameSegment() {
        JsonNode both = search("central bank", null);
        assertThat(both.path("total").asLong()).isEqualTo(1);
        JsonNode hit = both.path("hits").get(0);
        assertThat(hit.path("episodeId").asText()).isEqualTo("tnp-navalny");
        assertThat(hit.path("matchSeconds").asDouble()).isEqualTo(20.5);
        assertThat(hit.path("highlight").asText())
                .isEqualTo("the <em>central</em> <em>bank</em> raised the key rate again");

        assertThat(search("central", null).path("total").asLong()).isEqualTo(2);
        assertThat(search("central football", null).path("total").asLong()).isZero();
    }

    @Test
    void aQuotedPhraseNeedsTheWordsAdjacentAndInOrder() {
        JsonNode phrase = search("\"Alexei Navalny\"", null);
        assertThat(phrase.path("total").asLong()).isEqualTo(1);
        JsonNode hit = phrase.path("hits").get(0);
        assertThat(hit.path("matchSeconds").asDouble()).isEqualTo(10.5); // "Alexei", the phrase's first word
        assertThat(hit.path("deepLink").asText()).endsWith("#t=10");
        assertThat(hit.path("highlight").asText())
                .isEqualTo("today <em>Alexei</em> <em>Navalny</em> came back to Moscow");

        assertThat(search("\"Navalny Alexei\"", null).path("total").asLong()).isZero();
        assertThat(search("\"Alexei came\"", null).path("total").asLong()).isZero();
        // typographic quotes are quotes too
        assertThat(search("«Алексей Навальный»", null).path("total").asLong()).isEqualTo(1);
    }

    @Test
    void excludedWordsAndPhrasesRemoveTheirSegments() {
        assertThat(search("navalny", null).path("total").asLong()).isEqualTo(5);
        JsonNode withoutFootball = search("navalny -football", null);
        assertThat(withoutFootball.path("total").asLong()).isEqualTo(4);
        assertThat(ids(withoutFootball)).doesNotContain("tnp-football");
        assertThat(search("navalny -\"watched football\"", null).path("total").asLong()).isEqualTo(4);
        // the phrase is excluded, not its words one by one
        assertThat(search("navalny -\"football watched\"", null).path("total").asLong()).isEqualTo(5);
        assertThat(search("navalny -Москву", null).path("total").asLong()).isEqualTo(4);
    }

    @Test
    void aLatinNameFindsItsCyrillicSpellingAndBack() {
        JsonNode latin = search("navalny", "lang=ru");
        assertThat(latin.path("total").asLong()).isEqualTo(2);
        JsonNode mvk = hitOf(latin, "mvk-navalny", 0.0);
        assertThat(mvk.path("text").asText()).isEqualTo("сегодня Навальный вернулся в Москву");
        assertThat(mvk.path("highlight").asText()).isEqualTo("сегодня <em>Навальный</em> вернулся в Москву");
        assertThat(mvk.path("matchSeconds").asDouble()).isEqualTo(0.5);

        JsonNode cyrillic = search("путинцев", "lang=en");
        assertThat(cyrillic.path("total").asLong()).isEqualTo(2); // tnp-navalny exactly, tnp-football fuzzily
        JsonNode tnp = cyrillic.path("hits").get(0);
        assertThat(tnp.path("episodeId").asText()).isEqualTo("tnp-navalny");
        assertThat(tnp.path("highlight").asText()).isEqualTo("<em>Putintsev</em> said the sanctions hurt");
        assertThat(tnp.path("matchSeconds").asDouble()).isEqualTo(30.0);
    }

    @Test
    void aNearMissNameIsFoundButRanksBelowEveryExactMatch() {
        JsonNode result = search("Putintsev", "size=10");
        assertThat(result.path("total").asLong()).isEqualTo(4);
        assertThat(ids(result)).hasSize(4).last().isEqualTo("tnp-football");
        assertThat(ids(result).subList(0, 3)).containsExactlyInAnyOrder("tnp-navalny", "mvk-navalny", "chs-old");
        JsonNode nearMiss = result.path("hits").get(3);
        assertThat(nearMiss.path("highlight").asText()).isEqualTo("<em>Putintsov</em> was mentioned here");
        assertThat(nearMiss.path("matchSeconds").asDouble()).isEqualTo(25.0);

        // and a typo in the query finds the right spelling, at the word's own time
        JsonNode typo = search("Navalni", "feed=the-naked-pravda&sort=date");
        assertThat(typo.path("total").asLong()).isEqualTo(3);
        assertThat(hitOf(typo, "tnp-navalny", 10.0).path("matchSeconds").asDouble()).isEqualTo(11.0);
        // short words are never fuzzy: "bank" does not find "back"
        assertThat(search("bank", "lang=en").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void eachFilterNarrowsTheHits() {
        assertThat(ids(search("navalny", "feed=the-naked-pravda")))
                .containsOnly("tnp-navalny", "tnp-football").hasSize(3);
        assertThat(ids(search("navalny", "lang=ru"))).containsExactlyInAnyOrder("mvk-navalny", "chs-old");
        assertThat(ids(search("navalny", "lang=RU"))).containsExactlyInAnyOrder("mvk-navalny", "chs-old");
        assertThat(ids(search("navalny", "since=2026-01-01"))).doesNotContain("chs-old").hasSize(4);
        assertThat(ids(search("navalny", "until=2026-01-15"))) // inclusive: the whole day
                .containsExactlyInAnyOrder("tnp-navalny", "tnp-navalny", "chs-old");
        assertThat(ids(search("navalny", "since=2026-02-01&until=2026-02-28"))).containsExactly("mvk-navalny");
        assertThat(search("navalny", "feed=no-such-feed").path("total").asLong()).isZero();
    }

    @Test
    void sortByDateListsNewestEpisodesFirst() {
        JsonNode byDate = search("navalny", "sort=date");
        assertThat(ids(byDate)).containsExactly("tnp-football", "mvk-navalny", "tnp-navalny", "tnp-navalny",
                "chs-old");
        // within an episode, in the order spoken
        assertThat(byDate.path("hits").get(2).path("startSeconds").asDouble()).isEqualTo(10.0);
        assertThat(byDate.path("hits").get(3).path("startSeconds").asDouble()).isEqualTo(50.0);
    }

    @Test
    void collapsingGivesEachEpisodeOnceWithItsNumberOfMatchingSegments() {
        JsonNode collapsed = search("navalny", "collapse=episode");
        assertThat(collapsed.path("total").asLong()).isEqualTo(4);
        assertThat(ids(collapsed)).containsExactlyInAnyOrder("tnp-navalny", "tnp-football", "mvk-navalny", "chs-old");
        for (JsonNode hit : collapsed.path("hits")) {
            long expected = hit.path("episodeId").asText().equals("tnp-navalny") ? 2 : 1;
            assertThat(hit.path("matchingSegments").asLong()).as(hit.toString()).isEqualTo(expected);
        }
        // the best segment represents the episode: tnp-navalny says Navalny once in a 7-word segment (10 s) and
        // once in a 4-word one (50 s); the shorter scores higher
        JsonNode tnp = collapsed.path("hits").get(ids(collapsed).indexOf("tnp-navalny"));
        assertThat(tnp.path("startSeconds").asDouble()).isEqualTo(50.0);
        assertThat(tnp.path("matchSeconds").asDouble()).isEqualTo(50.0);

        JsonNode byDate = search("navalny", "collapse=episode&sort=date&size=2&page=1");
        assertThat(byDate.path("total").asLong()).isEqualTo(4);
        assertThat(ids(byDate)).containsExactly("tnp-navalny", "chs-old");
    }

    @Test
    void pagesSplitTheHitsWithTheSameExactTotal() {
        Set<String> seen = new HashSet<>();
        int hits = 0;
        for (int page = 0; page < 3; page++) {
            JsonNode result = search("navalny", "size=2&page=" + page);
            assertThat(result.path("total").asLong()).isEqualTo(5);
            assertThat(result.path("page").asInt()).isEqualTo(page);
            assertThat(result.path("size").asInt()).isEqualTo(2);
            assertThat(result.path("hits").size()).isEqualTo(page < 2 ? 2 : 1);
            for (JsonNode hit : result.path("hits")) {
                seen.add(hit.path("episodeId").asText() + "@" + hit.path("startSeconds").asDouble());
                hits++;
            }
        }
        assertThat(hits).isEqualTo(5);
        assertThat(seen).hasSize(5);
        JsonNode beyond = search("navalny", "size=2&page=3");
        assertThat(beyond.path("total").asLong()).isEqualTo(5);
        assertThat(beyond.path("hits")).isEmpty();
    }

    @Test
    void transcriptTextIsEscapedInTheHighlight() {
        JsonNode hit = search("quizzical", null).path("hits").get(0);
        assertThat(hit.path("text").asText()).isEqualTo("the word <script>alert(1)</script> & friends are quizzical");
        assertThat(hit.path("highlight").asText()).isEqualTo(
                "the word &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends are <em>quizzical</em>");
        assertThat(hit.path("highlight").asText()).doesNotContain("<script>");
    }

    @Test
    void queryTextWithElasticsearchSyntaxIsOnlyText() {
        // every operator is a separator: only the word Navalny is left
        assertThat(search("Navalny* (Navalny) [Navalny TO x]~ {Navalny}^2 \\ / : ! ?", null)
                .path("total").asLong()).isZero(); // "TO" and "x" are required words too
        assertThat(search("(Navalny)^ [Navalny]~ {*} \\Navalny/ : ! ? && || <Navalny>", null)
                .path("total").asLong()).isEqualTo(5);
        assertThat(search("navalny OR football", null).path("total").asLong()).isZero(); // OR is a word
        assertThat(search("feed:the-naked-pravda", null).path("total").asLong()).isZero();
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "q=                               | Enter a word",
            "q=%20%20                         | Enter a word",
            "q=%29%28%21                      | no words",
            "q=-navalny                       | only excludes",
            "q=navalny&size=0                 | size",
            "q=navalny&size=101               | size",
            "q=navalny&size=ten               | size",
            "q=navalny&page=-1                | page",
            "q=navalny&page=1.5               | page",
            "q=navalny&page=200&size=100      | page",
            "q=navalny&since=2026-13-01       | since",
            "q=navalny&until=yesterday        | until",
            "q=navalny&since=2026-02-01&until=2026-01-01 | since",
            "q=navalny&sort=oldest            | sort",
            "q=navalny&collapse=feed          | collapse",
            "q=navalny&lang=de                | lang",
    })
    void badParametersAreBadRequestsNamingTheParameter(String query, String detail) {
        assertProblem(get("/api/search?" + query.strip()), 400, detail.strip());
    }

    @Test
    void aMissingOrOverlongQueryIsABadRequest() {
        assertProblem(get("/api/search"), 400, "Enter a word");
        assertProblem(get("/api/search?q=" + "a".repeat(501)), 400, "too long");
        assertThat(search("navalny " + "x".repeat(492), null).path("total").asLong()).isZero(); // 500 is fine
    }
}
