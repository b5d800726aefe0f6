package dev.podgrep.app.pages;

import dev.podgrep.app.ingestion.PodcastServer;

import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' page: the feeds with their last fetch and outcome, the failed episode with its error, and a run
 * followed live, without reloading: a feed added at runtime (admin API) with a long episode, a run started, its
 * progress bar moving, then the run's result and the new feed in the table.
 */
class OpsPageBrowserTest {

    /** Long enough that transcribing it (tone-word model, ~1000x realtime) is seen for a few seconds. */
    static final double LONG_EPISODE_SECONDS = 60 * 60;

    private static PagesCorpus corpus;
    private static Browser browser;

    @BeforeAll
    static void start() {
        corpus = PagesCorpus.get();
        browser = Browser.start("en-US,en");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
    }

    /** Only the word bravo, every 1.5 s (the other tests' searches for alpha, charlie and delta stay as they are). */
    private static ToneWordAudio bravos(double seconds) {
        ToneWordAudio audio = ToneWordAudio.script().silence(1.0);
        for (double t = 1.0; t + 1.5 <= seconds; t += 1.5) {
            audio = audio.word("bravo", 0.5).silence(1.0);
        }
        return audio;
    }

    @Test
    void feedsTheirLastFetchAndTheFailedEpisodeWithItsError() {
        browser.open(corpus.url("/ops"));
        WebElement en = browser.find("tr[data-feed=" + PagesCorpus.FEED_EN + "]");
        assertThat(en.findElement(By.cssSelector(".name")).getText()).isEqualTo("Pages Radio");
        assertThat(en.findElement(By.cssSelector(".outcome")).getText()).isEqualTo("fetched");
        assertThat(en.findElement(By.cssSelector("time")).getAttribute("datetime")).isNotBlank();
        assertThat(en.findElement(By.cssSelector("td.number")).getText()).isEqualTo("3");
        WebElement ru = browser.find("tr[data-feed=" + PagesCorpus.FEED_RU + "]");
        assertThat(ru.findElement(By.cssSelector(".name")).getText()).isEqualTo("Радио по-русски");

        WebElement failed = browser.find(".failed-list li[data-episode-id=" + PagesCorpus.BROKEN + "]");
        assertThat(failed.getText()).contains("Broken audio").contains("attempts: 1");
        assertThat(failed.findElement(By.cssSelector(".error-text")).getText()).contains("cannot be decoded");
        assertThat(browser.find("#failed-h").getText()).isEqualTo("Failed episodes (1)");
    }

    @Test
    void aRunIsFollowedLiveEpisodeByEpisodeAndItsResultShown() throws Exception {
        Path file = Files.createTempFile(corpus.dataDir, "long-", ".mp3");
        long encodeStart = System.nanoTime();
        byte[] audio = Files.readAllBytes(bravos(LONG_EPISODE_SECONDS).encode(file, AudioEncoding.mp3(16_000, 1, 24)));
        System.out.printf("OpsPageBrowserTest: %.0f min of audio encoded in %.1f s%n", LONG_EPISODE_SECONDS / 60,
                (System.nanoTime() - encodeStart) / 1e9);
        corpus.host.route("/long/audio.mp3", PodcastServer.audio(audio));
        corpus.host.route("/long/feed.xml", PodcastServer.text("application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Long Radio</title><link>%1$s</link><description>d</description>
                  <item><title>A very long episode</title><guid isPermaLink="false">long-1</guid>
                    <pubDate>Mon, 20 Apr 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$slong/audio.mp3" type="audio/mpeg" length="%2$d"/></item>
                </channel></rss>
                """.formatted(corpus.host.url("/"), audio.length)));
        browser.open(corpus.url("/ops"));
        assertThat(browser.find("#run-state").getText()).isEqualTo("No run in progress.");
        browser.js("window.podgrepMarker = 'same page'");

        HttpResponse<String> added = corpus.post("/api/feeds", "application/json", """
                {"url":"%s","name":"long-radio","language":"en"}""".formatted(corpus.host.url("/long/feed.xml")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> run = corpus.post("/api/ingest", "application/json", null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);

        String id = EpisodeId.of("long-radio", "long-1");
        String bar = "#run-episodes li[data-episode-id='" + id + "'] progress";
        List<Double> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        boolean finished = false;
        CompletableFuture<HttpResponse<String>> opsDuringTheRun = null;
        while (System.nanoTime() < deadline) {
            Object value = browser.js("var p = document.querySelector(arguments[0]);"
                    + " return p && p.hasAttribute('value') ? p.value : null;", bar);
            if (value instanceof Number n && (seen.isEmpty() || seen.getLast() != n.doubleValue())) {
                seen.add(n.doubleValue());
            }
            if (value != null && opsDuringTheRun == null) {
                // the page's backlog is /api/ingest/status's: the episode being transcribed, whose feed gives no
                // duration (asked beside the browser, so that the loop keeps watching the bar)
                opsDuringTheRun = corpus.http.sendAsync(HttpRequest.newBuilder(URI.create(corpus.url("/ops?ui=en")))
                        .build(), HttpResponse.BodyHandlers.ofString());
            }
            if (!seen.isEmpty() && browser.all(bar).isEmpty()
                    && browser.find("#run-state").getText().equals("No run in progress.")) {
                finished = true;
                break;
            }
            SearchPageBrowserTest.sleep(50);
        }
        assertThat(finished).as("the run ended on the page without a reload; progress seen: %s", seen).isTrue();
        assertThat(seen).as("the progress bar's values while transcribing").hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen).isSorted();
        assertThat(opsDuringTheRun).as("the page was asked for while the episode was in the run").isNotNull();
        Matcher backlogDuringTheRun = Pattern.compile("<p id=\"backlog\">([^<]*)</p>")
                .matcher(opsDuringTheRun.get(30, TimeUnit.SECONDS).body());
        assertThat(backlogDuringTheRun.find()).isTrue();
        assertThat(backlogDuringTheRun.group(1))
                .isEqualTo("1 episode waits, 0 hours of audio (and 1 without a known duration)");
        assertThat(browser.js("return window.podgrepMarker")).as("followed without a reload").isEqualTo("same page");
        assertThat(browser.find("#last-run").getText()).contains("1 indexed");
        assertThat(browser.find("tr[data-feed=long-radio] .outcome").getText()).isEqualTo("fetched");
        assertThat(browser.find("#backlog").getText()).isEqualTo("Nothing waits: every episode is done.");
        corpus.awaitIngestion(Duration.ofMinutes(1));
    }
}
