package dev.podgrep.app.pages;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages as HTTP answers, without a browser: what a crawler, a script or a reader without JavaScript gets
 * (server-rendered hits, transcripts and quotes), the headers that keep pages on podgrep, errors as pages, and the
 * front-end libraries served from their WebJars.
 */
class PagesHttpTest {

    private static PagesCorpus corpus;

    @BeforeAll
    static void start() {
        corpus = PagesCorpus.get();
    }

    @Test
    void theSearchPageIsRenderedOnTheServerWithItsHooks() throws Exception {
        HttpResponse<String> page = corpus.get("/?q=navalny", "Accept-Language", "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/html").contains("UTF-8"));
        assertThat(page.body()).contains("<input id=\"q\" name=\"q\" type=\"search\" value=\"navalny\"")
                .containsPattern("class=\"hit\" data-episode-id=\"" + PagesCorpus.NAVALNY_EN + "\"\\s+data-match-seconds=\"20\"")
                .contains("<em>Navalny</em> returned to Moscow.")
                .contains("<audio id=\"player\"").contains("id=\"trend\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("script-src 'self'").contains("connect-src 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @Test
    void aHitWhoseWordsWereHeardOtherwiseThanTypedSaysHowTheyWereHeard() throws Exception {
        // the Latin query finds the Russian episode's Cyrillic word; the English hits read as typed
        String english = corpus.get("/?q=navalny", "Accept-Language", "en").body();
        assertThat(english).containsOnlyOnce("<p class=\"heard help\">heard as \u201cНавальный\u201d</p>");
        String russian = corpus.get("/?q=navalny&ui=ru").body();
        assertThat(russian).contains("услышано как «Навальный»");
    }

    @Test
    void theResultsFragmentIsWhatTheScriptSwapsIn() throws Exception {
        HttpResponse<String> fragment = corpus.get("/results?q=%D0%BD%D0%B0%D0%B2%D0%B0%D0%BB%D1%8C%D0%BD%D1%8B%D0%B9&ui=ru");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body().strip()).startsWith("<div id=\"results\"")
                .contains("data-summary=\"3 совпадения в 2 выпусках\"").doesNotContain("<html");
    }

    @Test
    void textWithMarkupIsShownAsTextNeverAsMarkup() throws Exception {
        HttpResponse<String> page = corpus.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E%20navalny");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; navalny");
    }

    @Test
    void aBadFilterIsSaidOnThePageAndNothingIsLost() throws Exception {
        HttpResponse<String> page = corpus.get("/?q=navalny&since=yesterday", "Accept-Language", "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("This search cannot run:")
                .contains("The date &#39;yesterday&#39; in \u201csince\u201d is not a date like 2026-03-01.")
                .contains("value=\"navalny\"").contains("value=\"yesterday\"");
    }

    @Test
    void theMomentPageHasTheWholeTranscriptAndTheQuoteOnTheServer() throws Exception {
        HttpResponse<String> page = corpus.get("/episodes/" + PagesCorpus.NAVALNY_EN + "?t=20&end=23");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span class=\"word quoted\" data-start=\"20\"")
                .contains(">Navalny</span> ")
                .contains("class=\"citation\">pages-radio \u2014 &quot;Navalny and the central bank&quot; (2026-03-10), 00:20\u201300:23<")
                .contains("href=\"/api/episodes/" + PagesCorpus.NAVALNY_EN + "/clip?start=20&amp;end=23\"")
                .contains("src=\"" + corpus.host.url("/audio/navalny-en.mp3") + "#t=20\"");
    }

    @Test
    void errorsArePagesInTheReadersLanguage() throws Exception {
        HttpResponse<String> unknown = corpus.get("/episodes/no-such-episode", "Accept-Language", "ru");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(unknown.body()).contains("<h1>Не найдено</h1>").contains("Выпуск «no-such-episode» podgrep не известен.");
        HttpResponse<String> badTime = corpus.get("/episodes/" + PagesCorpus.TONES + "?t=soon", "Accept-Language", "en");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("The parameter \u201ct\u201d cannot be &#39;soon&#39;.");
        // the API keeps answering problem+json
        HttpResponse<String> api = corpus.get("/api/episodes/no-such-episode");
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void findInsideAnEpisodeAnswersTheWordsItFinds() throws Exception {
        var found = corpus.json("/episodes/" + PagesCorpus.NAVALNY_RU + "/find?q=navalny");
        assertThat(found.path("count").asInt()).as("Latin finds Cyrillic").isEqualTo(1);
        assertThat(found.path("words").get(0).asInt()).isEqualTo(4);   // the fifth word: «Навальный»
        assertThat(found.path("starts").get(0).asDouble()).isEqualTo(12.0);
        HttpResponse<String> empty = corpus.get("/episodes/" + PagesCorpus.NAVALNY_RU + "/find?q=");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void thePagesAreNotPartOfTheApiDescription() throws Exception {
        var paths = corpus.json("/v3/api-docs").path("paths");
        assertThat(paths.has("/api/search")).isTrue();
        for (String page : new String[]{"/", "/results", "/episodes/{id}", "/episodes/{id}/find", "/ops", "/ops/state"}) {
            assertThat(paths.has(page)).as(page).isFalse();
        }
    }

    @Test
    void pagesAndScriptsTravelCompressedAndTheLibrariesComeFromTheirWebJars() throws Exception {
        HttpResponse<byte[]> page = corpus.http.send(HttpRequest.newBuilder(URI.create(corpus.url("/?q=navalny")))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String html = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(page.body())).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("<script src=\"/webjars/uplot/dist/uPlot.iife.min.js\" defer></script>");
        for (String asset : new String[]{"/webjars/uplot/dist/uPlot.iife.min.js", "/webjars/uplot/dist/uPlot.min.css",
                "/js/search.js", "/js/episode.js", "/js/player.js", "/js/ops.js", "/css/podgrep.css", "/favicon.svg"}) {
            HttpResponse<String> file = corpus.get(asset);
            assertThat(file.statusCode()).as(asset).isEqualTo(200);
        }
    }
}
