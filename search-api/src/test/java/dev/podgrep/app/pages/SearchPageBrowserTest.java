package dev.podgrep.app.pages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The search page in a real headless Chromium against the real app and the ingested {@link PagesCorpus}: a name
 * typed in {@code #q} brings hits while typing, grouped by episode, with their times; one click on a hit plays its
 * episode in {@code audio#player} from a couple of seconds before the word; n / p step through the episode's hits.
 */
class SearchPageBrowserTest {

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
    void typingANameShowsItsHitsWithTheirTimesWhileTyping() {
        browser.open(corpus.url("/"));
        browser.js("window.podgrepMarker = 'same page'");
        WebElement q = browser.find("#q");
        assertThat(browser.js("return document.activeElement.id")).as("the search box has the focus").isEqualTo("q");
        for (char c : "navalny".toCharArray()) {
            q.sendKeys(String.valueOf(c));
            sleep(40);
        }
        browser.waitFor(d -> "navalny".equals(browser.js("return document.body.getAttribute('data-rendered-query')")));
        assertThat(browser.js("return window.podgrepMarker")).as("results came without a page load")
                .isEqualTo("same page");

        List<WebElement> hits = browser.all(".hit");
        assertThat(hits).hasSize(3);
        assertThat(hit(PagesCorpus.NAVALNY_EN, 20.0).findElement(org.openqa.selenium.By.cssSelector(".clock"))
                .getText()).isEqualTo("00:20");
        assertThat(hit(PagesCorpus.NAVALNY_EN, 20.0).getText()).contains("Navalny returned to Moscow");
        assertThat(hit(PagesCorpus.NAVALNY_RU, 12.0).findElement(org.openqa.selenium.By.cssSelector(".clock"))
                .getText()).isEqualTo("00:12");
        assertThat(browser.find("#status").getText()).isEqualTo("3 hits in 2 episodes");
        assertThat(browser.all("article.episode")).hasSize(2);
        assertThat((String) browser.js("return location.search")).isEqualTo("?q=navalny");
        browser.screenshot("search-en-desktop");
    }

    @Test
    void oneClickPlaysTheEpisodeFromACoupleOfSecondsBeforeTheWord() {
        search("navalny");
        WebElement hit = hit(PagesCorpus.NAVALNY_EN, 20.0);
        hit.findElement(org.openqa.selenium.By.cssSelector("a.play")).click();
        browser.waitFor(d -> Boolean.FALSE.equals(browser.js("return document.getElementById('player').paused"))
                && browser.number("return document.getElementById('player').currentTime") > 17.5);
        double started = browser.number("return document.getElementById('player').currentTime");
        assertThat(started).as("starts about 2 s before the word at 20.0 s").isCloseTo(18.0, within(1.0));
        assertThat((String) browser.js("return document.getElementById('player').currentSrc"))
                .isEqualTo(corpus.host.url("/audio/navalny-en.mp3"));
        sleep(2000);
        double at = browser.number("return document.getElementById('player').currentTime");
        assertThat(at).as("two seconds later the player is at the word").isCloseTo(20.0, within(1.0));
        assertThat(browser.find("#player-bar").isDisplayed()).isTrue();
        assertThat(browser.find("#now-title").getText()).isEqualTo("Navalny and the central bank");
        browser.screenshot("search-playing-en-desktop");
    }

    @Test
    void theNextAndThePreviousHitOfTheEpisodeAreOneKeyAway() {
        search("navalny");
        WebElement first = hit(PagesCorpus.NAVALNY_EN, 20.0);
        WebElement second = browser.all(".hit").stream()
                .filter(h -> PagesCorpus.NAVALNY_EN.equals(h.getAttribute("data-episode-id")) && !h.equals(first)).findFirst().orElseThrow();
        double secondAt = Double.parseDouble(second.getAttribute("data-match-seconds"));
        assertThat(secondAt).as("\"Alexei Navalny\": the second word of the cue at 45 s").isBetween(45.0, 47.0);
        first.findElement(org.openqa.selenium.By.cssSelector("a.play")).click();
        awaitPlayingNear(18.0);

        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("n").perform();
        awaitPlayingNear(secondAt - 2);
        assertThat(second.getAttribute("class")).contains("playing");
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("n").perform();
        browser.waitFor(d -> browser.find("#status").getText().equals("No later hit in this episode."));

        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("p").perform();
        awaitPlayingNear(18.0);
        assertThat(first.getAttribute("class")).contains("playing");
    }

    @Test
    void nothingFoundSaysWhatWasSearchedAndOffersToDropAFilter() {
        browser.open(corpus.url("/?q=navalny&feed=" + PagesCorpus.FEED_EN + "&lang=ru"));
        assertThat(browser.all(".hit")).isEmpty();
        assertThat(browser.find(".none").getText()).contains("Nothing found for \u201cnavalny\u201d with these filters.");
        assertThat(browser.all(".suggestions a").stream().map(WebElement::getText).toList())
                .containsExactly("Search all feeds", "Search both languages", "Search without any filter");
        browser.driver.findElement(org.openqa.selenium.By.linkText("Search both languages")).click();
        browser.waitFor(d -> !browser.all(".hit").isEmpty());
        assertThat(browser.all(".hit").stream().map(h -> h.getAttribute("data-episode-id")).distinct().toList())
                .containsExactly(PagesCorpus.NAVALNY_EN);
        assertThat((String) browser.js("return location.search")).isEqualTo("?q=navalny&feed=" + PagesCorpus.FEED_EN);
    }

    @Test
    void aFilterNarrowsTheHitsAtOnceAndTheUrlSaysSo() {
        search("navalny");
        browser.find("#filters summary").click();
        new org.openqa.selenium.support.ui.Select(browser.find("#feed")).selectByValue(PagesCorpus.FEED_RU);
        browser.waitFor(d -> browser.all(".hit").size() == 1);
        assertThat(browser.find(".hit").getAttribute("data-episode-id")).isEqualTo(PagesCorpus.NAVALNY_RU);
        assertThat((String) browser.js("return location.search")).isEqualTo("?q=navalny&feed=" + PagesCorpus.FEED_RU);
        browser.driver.navigate().back();
        browser.waitFor(d -> browser.all(".hit").size() == 3);
        assertThat(browser.find("#feed").getAttribute("value")).isEmpty();
    }

    @Test
    void theTrendChartDrawsOneBarPerMonthAndABarShowsThatMonthsHits() throws Exception {
        search("navalny");
        WebElement trend = browser.waitFor(d -> {
            WebElement t = browser.find("#trend");
            return t.getAttribute("data-buckets") != null ? t : null;
        });
        // January (the first indexed episode) to April (the last): four months, mentions in March and April
        assertThat(trend.getAttribute("data-buckets")).isEqualTo("4");
        assertThat(browser.all("#trend-rows tr")).hasSize(4);
        assertThat(barsDrawn(trend)).as("bars drawn on the canvas").isEqualTo(2);
        org.openqa.selenium.interactions.Actions mouse = new org.openqa.selenium.interactions.Actions(browser.driver);
        WebElement over = browser.find("#trend .u-over");
        int width = over.getSize().getWidth();
        int height = over.getSize().getHeight();
        int marchX = (int) Math.round((2 + 0.5) / 4 * width - width / 2.0);
        mouse.moveToElement(over, marchX, height / 2 - 3).perform();
        WebElement tip = browser.waitFor(d -> browser.find(".trend-tip").isDisplayed() ? browser.find(".trend-tip") : null);
        assertThat(tip.getText()).startsWith("Mar 2026 \u2014 mentions: 2 \u00b7 episodes: 1 \u00b7");
        mouse.click().perform();
        browser.waitFor(d -> browser.all(".hit").size() == 2);
        assertThat((String) browser.js("return location.search"))
                .isEqualTo("?q=navalny&since=2026-03-01&until=2026-03-31");
        assertThat(browser.all(".hit").stream().map(h -> h.getAttribute("data-episode-id")).distinct().toList())
                .containsExactly(PagesCorpus.NAVALNY_EN);
        assertThat(browser.find("#trend").getAttribute("data-buckets")).as("the chart still shows all months")
                .isEqualTo("4");
    }

    /** Columns of bar colour along a line just above the chart's baseline, counted as separate runs. */
    private static int barsDrawn(WebElement trend) throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                browser.find("#trend canvas").getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
        int runs = 0;
        boolean inBar = false;
        int y = image.getHeight() - 1;
        // the x axis labels sit below the plot: find the lowest row that has bar colour at all
        for (; y > 0; y--) {
            boolean any = false;
            for (int x = 0; x < image.getWidth() && !any; x++) {
                any = isBar(image.getRGB(x, y));
            }
            if (any) {
                break;
            }
        }
        for (int x = 0; x < image.getWidth(); x++) {
            boolean bar = isBar(image.getRGB(x, y));
            if (bar && !inBar) {
                runs++;
            }
            inBar = bar;
        }
        return runs;
    }

    private static boolean isBar(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        boolean teal = Math.abs(r - 0x0b) < 24 && Math.abs(g - 0x5a) < 24 && Math.abs(b - 0x4a) < 24;
        boolean orange = Math.abs(r - 0xc7) < 24 && Math.abs(g - 0x78) < 24 && b < 40;
        return teal || orange;
    }

    private static void awaitPlayingNear(double seconds) {
        browser.waitFor(Duration.ofSeconds(10), d -> Boolean.FALSE.equals(browser.js(
                "return document.getElementById('player').paused"))
                && Math.abs(browser.number("return document.getElementById('player').currentTime") - seconds) < 1.0);
    }

    private static void search(String query) {
        browser.open(corpus.url("/?q=" + query));
        browser.waitFor(d -> !browser.all(".hit").isEmpty());
    }

    private static WebElement hit(String episodeId, double matchSeconds) {
        for (WebElement hit : browser.all(".hit")) {
            if (episodeId.equals(hit.getAttribute("data-episode-id"))
                    && Math.abs(Double.parseDouble(hit.getAttribute("data-match-seconds")) - matchSeconds) < 0.01) {
                return hit;
            }
        }
        throw new AssertionError("no hit of " + episodeId + " at " + matchSeconds + " s; hits: "
                + browser.all(".hit").stream().map(h -> h.getAttribute("data-episode-id") + "@"
                + h.getAttribute("data-match-seconds")).toList());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
