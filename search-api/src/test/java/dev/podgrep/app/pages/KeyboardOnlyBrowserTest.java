package dev.podgrep.app.pages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Search, play and quote with the keyboard alone: every step below is a key press sent to whatever has the focus
 * (no clicks), the way a reader without a mouse or with a screen reader goes through the pages.
 */
class KeyboardOnlyBrowserTest {

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
    void searchPlayAndQuoteWithTheKeyboardAlone() {
        browser.open(corpus.url("/"));
        keys("alpha");   // the search box has the focus when the page opens
        browser.waitFor(d -> "alpha".equals(browser.js("return document.body.getAttribute('data-rendered-query')")));
        assertThat(browser.all(".hit")).hasSize(2);

        int tabs = tabUntil(active -> active.matches("hit-play"), 30);
        assertThat(tabs).as("Tab presses from the search box to the first hit").isLessThanOrEqualTo(12);
        keys(Keys.ENTER);
        browser.waitFor(Duration.ofSeconds(10), d -> Boolean.FALSE.equals(browser.js(
                "return document.getElementById('player').paused")));
        double match = Double.parseDouble((String) browser.js(
                "return document.activeElement.closest('.hit').getAttribute('data-match-seconds')"));
        assertThat(browser.number("return document.getElementById('player').currentTime"))
                .isCloseTo(Math.max(0, match - 2), within(1.0));

        keys("n");   // the next hit of the episode, one key away
        browser.waitFor(Duration.ofSeconds(10), d -> browser.number(
                "return document.getElementById('player').currentTime") > 15);

        tabUntil(active -> active.matches("read-along"), 40);
        keys(Keys.ENTER);
        browser.waitFor(d -> Boolean.TRUE.equals(browser.js(
                "return performance.getEntriesByName('podgrep:episode-ready').length > 0")));
        assertThat(browser.driver.getCurrentUrl()).contains("/episodes/" + PagesCorpus.TONES);

        tabUntil(active -> active.matches("word"), 30);
        // the word where the player is (the second alpha, at 18 s): two words back from it make a quote of three
        String focused = ((String) browser.js("return document.activeElement.textContent")).strip();
        assertThat(browser.js("return document.activeElement.getAttribute('data-start')")).asString()
                .startsWith("18");
        new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_LEFT).sendKeys(Keys.ARROW_LEFT)
                .keyUp(Keys.SHIFT).perform();
        browser.waitFor(d -> !browser.find("#quote .citation").getText().isEmpty());
        String quote = browser.find("#quote .quote-text").getText();
        assertThat(quote).isEqualTo("charlie delta alpha").endsWith(focused);

        tabUntil(active -> active.matches("clip"), 10);
        assertThat((String) browser.js("return document.activeElement.getAttribute('href')"))
                .startsWith("/api/episodes/" + PagesCorpus.TONES + "/clip?start=");

        // back in the transcript, Enter plays from the focused word
        tabBackUntil(active -> active.matches("word"), 10);
        double wordStart = Double.parseDouble((String) browser.js(
                "return document.activeElement.getAttribute('data-start')"));
        keys(Keys.ENTER);
        browser.waitFor(Duration.ofSeconds(10), d -> Boolean.FALSE.equals(browser.js(
                "return document.getElementById('player').paused")) && Math.abs(browser.number(
                "return document.getElementById('player').currentTime") - wordStart) < 1.0);
    }

    /** What has the focus, by role in the pages. */
    private record Active(String kind) {
        boolean matches(String k) {
            return kind.equals(k);
        }
    }

    private static Active active() {
        return new Active((String) browser.js("""
                var a = document.activeElement;
                if (a.matches('.hit a.play')) return 'hit-play';
                if (a.id === 'now-read') return 'read-along';
                if (a.matches('#transcript .word')) return 'word';
                if (a.matches('#quote a.clip')) return 'clip';
                return a.tagName + '#' + a.id + '.' + a.className;"""));
    }

    private static int tabUntil(Predicate<Active> target, int most) {
        for (int i = 1; i <= most; i++) {
            keys(Keys.TAB);
            if (target.test(active())) {
                return i;
            }
        }
        throw new AssertionError("not reached with " + most + " Tab presses; the focus is on " + active().kind());
    }

    private static void tabBackUntil(Predicate<Active> target, int most) {
        for (int i = 1; i <= most; i++) {
            if (target.test(active())) {
                return;
            }
            new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        }
        throw new AssertionError("not reached with " + most + " Shift+Tab presses; the focus is on " + active().kind());
    }

    private static void keys(CharSequence keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }
}
