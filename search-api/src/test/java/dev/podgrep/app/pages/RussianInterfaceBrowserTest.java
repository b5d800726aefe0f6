package dev.podgrep.app.pages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages speak the reader's language: a browser that prefers Russian gets the Russian interface (texts, plural
 * forms, dates), {@code ?ui=en} switches to English and the choice holds from link to link.
 */
class RussianInterfaceBrowserTest {

    private static PagesCorpus corpus;
    private static Browser browser;

    @BeforeAll
    static void start() {
        corpus = PagesCorpus.get();
        browser = Browser.start("ru-RU,ru");
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
    void aBrowserThatPrefersRussianGetsTheRussianInterface() {
        browser.open(corpus.url("/?q=navalny"));
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("ru");
        assertThat(browser.find("label[for=q]").getText()).isEqualTo("Найдите секунду, когда прозвучало имя");
        assertThat(browser.find("#search button[type=submit]").getText()).isEqualTo("Найти");
        assertThat(browser.find("#status").getText()).isEqualTo("3 совпадения в 2 выпусках");
        WebElement ru = episode(PagesCorpus.NAVALNY_RU);
        assertThat(ru.findElement(By.cssSelector("time")).getText().replaceAll("[\\s\u00a0\u202f]+", " "))
                .isEqualTo("2 апр. 2026 г.");
        assertThat(ru.findElement(By.cssSelector(".meta")).getText()).contains("русский", "расшифровка издателя");
        assertThat(ru.findElement(By.cssSelector("a.play")).getAttribute("aria-label")).isEqualTo("Слушать с 00:12");
        assertThat(browser.find(".langs a[aria-current=true]").getText()).isEqualTo("Русский");

        // the live results come in the same language
        browser.find("#q").sendKeys(org.openqa.selenium.Keys.END, " -moscow");
        browser.waitFor(d -> "navalny -moscow".equals(browser.js("return document.body.getAttribute('data-rendered-query')")));
        assertThat(browser.find("#status").getText()).isEqualTo("2 совпадения в 2 выпусках");

        browser.open(corpus.url("/?q=zzzz"));
        assertThat(browser.find(".none").getText()).contains("По запросу «zzzz» ничего не найдено.");
    }

    @Test
    void theMomentAndOperatorsPagesAreInRussianToo() {
        browser.open(corpus.url("/episodes/" + PagesCorpus.NAVALNY_EN + "?q=navalny"));
        assertThat(browser.find("#transcript-h").getText()).isEqualTo("Расшифровка (21 сл.)");
        assertThat(browser.find("#find-status").getText()).isEqualTo("2 совпадения");
        assertThat(browser.find(".provenance").getText()).contains("Расшифровка самого издателя");
        assertThat(browser.find("#quote-h").getText()).isEqualTo("Цитата");
        browser.open(corpus.url("/ops"));
        assertThat(browser.find("h1").getText()).isEqualTo("Работа сервиса");
        assertThat(browser.find("tr[data-feed=radio-ru] .outcome").getText()).isEqualTo("загружен");
    }

    @Test
    void uiEnSwitchesToEnglishAndTheChoiceHoldsFromLinkToLink() {
        browser.open(corpus.url("/?q=navalny&ui=en"));
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.find("#status").getText()).isEqualTo("3 hits in 2 episodes");
        assertThat(episode(PagesCorpus.NAVALNY_RU).findElement(By.cssSelector("time")).getText())
                .isEqualTo("Apr 2, 2026");
        episode(PagesCorpus.NAVALNY_RU).findElement(By.cssSelector("h2 a")).click();
        browser.waitFor(d -> browser.driver.getCurrentUrl().contains("/episodes/"));
        assertThat(browser.driver.getCurrentUrl()).contains("ui=en");
        assertThat(browser.find("#quote-h").getText()).isEqualTo("Quote");
        browser.driver.findElement(By.linkText("Русский")).click();
        browser.waitFor(d -> "ru".equals(browser.js("return document.documentElement.lang")));
        assertThat(browser.driver.getCurrentUrl()).contains("ui=ru").contains("q=navalny");
        assertThat(browser.find("#quote-h").getText()).isEqualTo("Цитата");
    }

    private static WebElement episode(String id) {
        return browser.all("article.episode").stream().filter(a -> id.equals(a.getAttribute("data-episode-id")))
                .findFirst().orElseThrow(() -> new AssertionError("no episode " + id + " in the results"));
    }
}
