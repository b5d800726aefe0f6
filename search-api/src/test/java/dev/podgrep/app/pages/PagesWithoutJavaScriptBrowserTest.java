package dev.podgrep.app.pages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages with JavaScript switched off in the browser: plainer, but everything is there. The form searches
 * (the server renders the hits), a hit leads to its moment with the transcript and the player set to the moment
 * (a media fragment), the find form marks matches, a moment link shows its quote with the clip link.
 */
class PagesWithoutJavaScriptBrowserTest {

    private static PagesCorpus corpus;
    private static Browser browser;

    @BeforeAll
    static void start() {
        corpus = PagesCorpus.get();
        browser = Browser.start("en-US,en", false);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void searchReadFindAndQuoteWithoutJavaScript() {
        browser.open(corpus.url("/"));
        assertThat(browser.js("return 1")).as("WebDriver's own scripts still run").isEqualTo(1L);
        assertThat(browser.js("return window.Podgrep === undefined")).as("the pages' scripts do not").isEqualTo(true);
        browser.find("#q").sendKeys("navalny", Keys.ENTER);
        browser.waitFor(d -> browser.driver.getCurrentUrl().contains("q=navalny"));
        assertThat(browser.all(".hit")).hasSize(3);
        assertThat(browser.find("#status").getText()).isEqualTo("3 hits in 2 episodes");
        assertThat(browser.find("#player-bar").isDisplayed()).as("the inline player needs the script").isFalse();

        WebElement hit = browser.all(".hit").stream()
                .filter(h -> "20".equals(h.getAttribute("data-match-seconds"))).findFirst().orElseThrow();
        hit.findElement(By.cssSelector("a.play")).click();
        browser.waitFor(d -> browser.driver.getCurrentUrl().contains("/episodes/" + PagesCorpus.NAVALNY_EN));
        assertThat(browser.driver.getCurrentUrl()).contains("t=18").contains("q=navalny");
        assertThat(browser.find("audio#player").getAttribute("src"))
                .isEqualTo(corpus.host.url("/audio/navalny-en.mp3") + "#t=18");
        assertThat(browser.all("#transcript .word")).hasSize(21);
        assertThat(browser.all("#transcript .word.match")).hasSize(2);
        assertThat(browser.find("#find-status").getText()).isEqualTo("2 matches");
        assertThat(browser.all(".matches a").stream().map(WebElement::getText).toList())
                .containsExactly("00:20", "00:45");

        browser.find("#find-q").clear();
        browser.find("#find-q").sendKeys("central bank", Keys.ENTER);
        browser.waitFor(d -> browser.driver.getCurrentUrl().contains("q=central"));
        assertThat(browser.all("#transcript .word.match").stream().map(WebElement::getText).toList())
                .containsExactly("central", "bank");

        browser.open(corpus.url("/episodes/" + PagesCorpus.NAVALNY_EN + "?t=30&end=34"));
        assertThat(browser.find("#quote .quote-text").getText()).isEqualTo("The central bank raised the key rate.");
        assertThat(browser.find("#quote a.clip").getAttribute("href")).contains("/api/episodes/"
                + PagesCorpus.NAVALNY_EN + "/clip?start=30&end=");
        assertThat(browser.find("#quote .citation").getText())
                .isEqualTo("pages-radio \u2014 \"Navalny and the central bank\" (2026-03-10), 00:30\u201300:34");

        browser.open(corpus.url("/ops"));
        assertThat(browser.find("tr[data-feed=pages-radio] .outcome").getText()).isEqualTo("fetched");
    }
}
