package dev.podgrep.app.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page, in English and Russian, at a desktop and a phone width: axe-core (from its WebJar) finds no serious or
 * critical violation, the console stays clean, nothing is loaded from anywhere but podgrep (the episode audio, from
 * its publisher, aside), nothing is wider than the screen, and a screenshot of the whole page is written to
 * {@code target/screenshots/<page>-<language>-<width>.png} for a reviewer to look at.
 */
class AccessibilityBrowserTest {

    private static PagesCorpus corpus;
    private static Browser english;
    private static Browser russian;

    @BeforeAll
    static void start() {
        corpus = PagesCorpus.get();
        english = Browser.start("en-US,en");
        russian = Browser.start("ru-RU,ru");
    }

    @AfterAll
    static void stop() {
        if (english != null) {
            english.close();
        }
        if (russian != null) {
            russian.close();
        }
    }

    static Stream<Arguments> pages() {
        List<Arguments> pages = new ArrayList<>();
        for (String language : List.of("en", "ru")) {
            pages.add(Arguments.of("search", language, "/?q=navalny"));
            pages.add(Arguments.of("search-empty", language, "/"));
            pages.add(Arguments.of("search-none", language, "/?q=navalny&lang=ru&feed=" + PagesCorpus.FEED_EN));
            pages.add(Arguments.of("moment", language, "/episodes/" + PagesCorpus.NAVALNY_EN + "?t=30&end=34&q=navalny"));
            pages.add(Arguments.of("moment-asr", language, "/episodes/" + PagesCorpus.TONES + "?t=12"));
            pages.add(Arguments.of("ops", language, "/ops"));
            pages.add(Arguments.of("not-found", language, "/episodes/no-such-episode"));
        }
        return pages.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("pages")
    void noSeriousViolationsNoConsoleErrorsNothingFromElsewhere(String name, String language, String path)
            throws Exception {
        Browser browser = "ru".equals(language) ? russian : english;
        for (boolean phone : new boolean[]{false, true}) {
            browser.size(phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH,
                    phone ? Browser.PHONE_HEIGHT : Browser.DESKTOP_HEIGHT);
            browser.open(corpus.url(path));
            settle(browser, name);
            assertThat(browser.js("return document.documentElement.lang")).isEqualTo(language);

            List<JsonNode> violations = browser.axeViolations();
            List<String> serious = violations.stream()
                    .filter(v -> List.of("serious", "critical").contains(v.path("impact").asText()))
                    .map(v -> v.path("id").asText() + " (" + v.path("impact").asText() + "): " + v.path("help").asText()
                            + " at " + v.path("nodes").findValuesAsText("html"))
                    .toList();
            assertThat(serious).as("axe-core's serious and critical violations on %s at %s px", path,
                    phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH).isEmpty();

            @SuppressWarnings("unchecked")
            List<String> elsewhere = (List<String>) browser.js("""
                    return performance.getEntriesByType('resource')
                      .filter(function (e) { return new URL(e.name).origin !== location.origin; })
                      .filter(function (e) { return e.initiatorType !== 'audio' && e.initiatorType !== 'video'
                                                  && e.initiatorType !== 'other'; })
                      .map(function (e) { return e.initiatorType + ' ' + e.name; });""");
            assertThat(elsewhere).as("requests to other hosts than podgrep (the audio aside)").isEmpty();
            assertThat(browser.number("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("horizontal overflow at %s px", phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH)
                    .isLessThanOrEqualTo(0);

            Path shot = browser.screenshot(name + "-" + language + "-" + (phone ? "phone" : "desktop"));
            assertThat(Files.size(shot)).isGreaterThan(10_000);
            assertThat(browser.consoleErrors()).as("console errors on %s", path)
                    .allMatch(e -> name.equals("not-found") && e.contains("404"));
        }
    }

    /** Waits for what the page's scripts draw after loading (the chart, the transcript's index). */
    private static void settle(Browser browser, String name) {
        if (name.equals("search")) {
            browser.waitFor(d -> browser.find("#trend").getAttribute("data-buckets") != null);
        }
        if (name.startsWith("moment")) {
            browser.waitFor(d -> Boolean.TRUE.equals(browser.js(
                    "return performance.getEntriesByName('podgrep:episode-ready').length > 0")));
        }
        SearchPageBrowserTest.sleep(150);
    }
}
