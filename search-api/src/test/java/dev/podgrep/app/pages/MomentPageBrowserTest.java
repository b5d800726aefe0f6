package dev.podgrep.app.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.transcribe.audio.PcmDecoder;
import dev.podgrep.transcribe.audio.PcmStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The moment page ({@code /episodes/{id}}) in a real headless Chromium against the real app and the ingested
 * {@link PagesCorpus}: a click on a word plays from it, the word being played is highlighted, selected words become
 * a quote with its citation and a clip that downloads and decodes to the quote's length, and a search inside the
 * episode marks its matches and n jumps to them.
 */
class MomentPageBrowserTest {

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

    @Test
    void theTranscriptIsThereWithItsTimesAndWhereItCameFrom() throws Exception {
        open(PagesCorpus.TONES, "");
        assertThat(words().stream().map(WebElement::getText).toList())
                .containsExactly("alpha", "charlie", "delta", "alpha", "bravo");
        // the recogniser's times, within a tenth of a second of where the tones are
        double[] expected = {10.0, 12.0, 14.0, 18.0, 22.0};
        List<WebElement> words = words();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.parseDouble(words.get(i).getAttribute("data-start"))).isCloseTo(expected[i], within(0.15));
        }
        assertThat(browser.find(".provenance").getText()).contains(corpus.json("/api/episodes/" + PagesCorpus.TONES)
                        .path("model").asText())
                .contains(corpus.tonesSha256);
        open(PagesCorpus.NAVALNY_EN, "");
        assertThat(browser.find(".provenance").getText()).contains("The publisher\u2019s own transcript")
                .contains("estimated");
        assertThat(browser.find("h1").getText()).isEqualTo("Navalny and the central bank");
    }

    @Test
    void clickingAWordPlaysFromIt() {
        open(PagesCorpus.TONES, "");
        WebElement charlie = word("charlie");
        double start = Double.parseDouble(charlie.getAttribute("data-start"));
        charlie.click();
        browser.waitFor(Duration.ofSeconds(10), d -> !paused() && currentTime() >= start - 0.1);
        assertThat(currentTime()).as("plays from the word").isCloseTo(start, within(1.0));
    }

    @Test
    void theWordBeingPlayedIsHighlighted() {
        open(PagesCorpus.TONES, "");
        word("alpha").click();
        browser.waitFor(Duration.ofSeconds(10), d -> !paused());
        Set<String> highlighted = new HashSet<>();
        long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        int samples = 0;
        while (System.nanoTime() < until) {
            @SuppressWarnings("unchecked")
            Map<String, Object> sample = (Map<String, Object>) browser.js("""
                    var p = document.getElementById('player');
                    var now = document.querySelectorAll('#transcript .word.now');
                    var t = p.currentTime;
                    var spoken = null;
                    document.querySelectorAll('#transcript .word').forEach(function (w) {
                      if (+w.dataset.start <= t && t <= +w.dataset.end + 1.5) { spoken = w; }
                    });
                    return {t: t, count: now.length, now: now.length ? now[0].dataset.start + ' ' + now[0].textContent : null,
                            spoken: spoken ? spoken.dataset.start + ' ' + spoken.textContent : null};
                    """);
            assertThat(((Number) sample.get("count")).intValue()).as("at most one word is highlighted")
                    .isLessThanOrEqualTo(1);
            // the page redraws on the next frame: compare only when both agree on a word or are between words
            Object now = sample.get("now");
            Object spoken = sample.get("spoken");
            if (now != null && spoken != null && !now.equals(spoken)) {
                SearchPageBrowserTest.sleep(40);
                @SuppressWarnings("unchecked")
                Map<String, Object> again = (Map<String, Object>) browser.js("""
                        var now = document.querySelector('#transcript .word.now');
                        return {now: now ? now.dataset.start + ' ' + now.textContent : null};""");
                assertThat(again.get("now")).as("the highlighted word at %s s", sample.get("t")).isEqualTo(spoken);
            }
            if (now != null) {
                highlighted.add(((String) now).split(" ")[1]);
            }
            samples++;
            SearchPageBrowserTest.sleep(100);
        }
        assertThat(samples).isGreaterThan(20);
        assertThat(highlighted).as("words highlighted while playing from 10 s for 6 s")
                .contains("alpha", "charlie", "delta");
    }

    @Test
    void selectedWordsBecomeAQuoteWithItsCitationAndAClipThatDecodesToItsLength() throws Exception {
        open(PagesCorpus.TONES, "");
        WebElement charlie = word("charlie");
        WebElement delta = word("delta");
        new Actions(browser.driver).moveToElement(charlie, -charlie.getSize().getWidth() / 2 + 2, 0).clickAndHold()
                .moveToElement(delta, delta.getSize().getWidth() / 2 - 2, 0).release().perform();
        browser.waitFor(d -> browser.find("#quote .quote-body").isDisplayed()
                && !browser.find("#quote .citation").getText().isEmpty());
        assertThat(browser.find("#quote .quote-text").getText()).isEqualTo("charlie delta");
        String clipHref = browser.find("#quote a.clip").getAttribute("href");
        Map<String, String> window = query(clipHref);
        double start = Double.parseDouble(window.get("start"));
        double end = Double.parseDouble(window.get("end"));
        assertThat(start).isEqualTo(Double.parseDouble(charlie.getAttribute("data-start")));
        assertThat(end).isEqualTo(Double.parseDouble(delta.getAttribute("data-end")));
        JsonNode quote = corpus.json("/api/episodes/" + PagesCorpus.TONES + "/quote?start=" + window.get("start")
                + "&end=" + window.get("end"));
        assertThat(browser.find("#quote .citation").getText()).isEqualTo(quote.path("citation").asText())
                .isEqualTo("pages-radio \u2014 \"Tone words\" (2026-01-05), 00:12\u201300:15");
        assertThat(browser.find("#quote .quote-range").getText()).isEqualTo("00:12\u201300:15");
        assertThat(browser.all("#transcript .word.quoted").stream().map(WebElement::getText).toList())
                .containsExactly("charlie", "delta");
        assertThat((String) browser.js("return location.search"))
                .isEqualTo("?t=" + window.get("start") + "&end=" + window.get("end"));

        browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", corpus.base(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.find("#copy-quote").click();
        browser.waitFor(d -> "Copied.".equals(browser.find("#quote-status").getText()));
        assertThat(clipboard()).isEqualTo("\u201ccharlie delta\u201d\n" + quote.path("citation").asText() + "\n"
                + quote.path("link").asText());
        browser.find("#copy-link").click();
        browser.waitFor(d -> clipboard().equals(quote.path("link").asText()));
        assertThat(quote.path("link").asText()).isEqualTo(corpus.url("/episodes/" + PagesCorpus.TONES + "?t="
                + window.get("start") + "&end=" + window.get("end")));

        browser.find("#quote a.clip").click();
        Path clip = browser.waitFor(Duration.ofSeconds(60), d -> downloadedMp3());
        try (PcmStream pcm = PcmDecoder.inProcess().open(clip)) {
            long bytes = pcm.transferTo(OutputStream.nullOutputStream());
            assertThat(bytes / (double) PcmDecoder.BYTES_PER_SECOND).as("the clip's duration")
                    .isCloseTo(end - start, within(0.06));
        }
    }

    @Test
    void aClickAndAShiftClickQuoteEverythingBetween() {
        open(PagesCorpus.TONES, "");
        List<WebElement> words = words();
        words.get(0).click();
        new Actions(browser.driver).keyDown(Keys.SHIFT).click(words.get(3)).keyUp(Keys.SHIFT).perform();
        browser.waitFor(d -> "alpha charlie delta alpha".equals(browser.find("#quote .quote-text").getText()));
        assertThat(browser.find("#quote .quote-range").getText()).isEqualTo("00:" + two(words.get(0)) + "\u201300:"
                + twoUp(words.get(3)));
    }

    @Test
    void theMomentLinkOpensWithTheQuoteMarkedAndThePlayerAtItsStart() {
        List<String> starts = new ArrayList<>();
        open(PagesCorpus.TONES, "");
        words().forEach(w -> starts.add(w.getAttribute("data-start")));
        String end = words().get(2).getAttribute("data-end");
        open(PagesCorpus.TONES, "?t=" + starts.get(1) + "&end=" + end);
        assertThat(browser.find("#quote .quote-text").getText()).isEqualTo("charlie delta");
        assertThat(browser.find("#quote .citation").getText()).endsWith("00:12\u201300:15");
        assertThat(browser.all("#transcript .word.quoted").stream().map(WebElement::getText).toList())
                .containsExactly("charlie", "delta");
        browser.waitFor(d -> Math.abs(currentTime() - Double.parseDouble(starts.get(1))) < 0.3);
        assertThat(paused()).as("the page does not play by itself").isTrue();
    }

    @Test
    void aSearchInsideTheEpisodeMarksItsMatchesAndNPlaysTheNextOne() {
        open(PagesCorpus.NAVALNY_EN, "");
        WebElement find = browser.find("#find-q");
        find.sendKeys("navalny", Keys.ENTER);
        browser.waitFor(d -> browser.all("#transcript .word.match").size() == 2);
        assertThat(browser.find("#find-status").getText()).isEqualTo("2 matches");
        assertThat(browser.all("#transcript .word.match").stream().map(WebElement::getText).toList())
                .containsExactly("Navalny", "Navalny");
        assertThat((String) browser.js("return location.search")).isEqualTo("?q=navalny");
        browser.js("document.activeElement.blur()");
        new Actions(browser.driver).sendKeys("n").perform();
        browser.waitFor(Duration.ofSeconds(10), d -> !paused() && Math.abs(currentTime() - 18.0) < 1.0);
        assertThat(browser.find("#find-status").getText()).isEqualTo("Match 1 of 2");
    }

    // ---- helpers ----

    private static void open(String episodeId, String query) {
        browser.open(corpus.url("/episodes/" + episodeId + query));
        browser.waitFor(d -> Boolean.TRUE.equals(browser.js(
                "return performance.getEntriesByName('podgrep:episode-ready').length > 0")));
    }

    private static List<WebElement> words() {
        return browser.all("#transcript .word");
    }

    private static WebElement word(String text) {
        return words().stream().filter(w -> w.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no word '" + text + "'"));
    }

    private static double currentTime() {
        return browser.number("return document.getElementById('player').currentTime");
    }

    private static boolean paused() {
        return Boolean.TRUE.equals(browser.js("return document.getElementById('player').paused"));
    }

    private static String clipboard() {
        return (String) browser.jsAsync("""
                var done = arguments[arguments.length - 1];
                navigator.clipboard.readText().then(done, function (e) { done('clipboard error: ' + e); });""");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return parameters;
    }

    private static Path downloadedMp3() {
        try (Stream<Path> files = Files.list(browser.downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".mp3")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String two(WebElement word) {
        return String.format("%02d", (long) Math.floor(Double.parseDouble(word.getAttribute("data-start"))));
    }

    private static String twoUp(WebElement word) {
        return String.format("%02d", (long) Math.ceil(Double.parseDouble(word.getAttribute("data-end"))));
    }
}
