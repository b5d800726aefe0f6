package dev.podgrep.app.pages;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class UiLocaleResolverTest {

    private final UiLocaleResolver resolver = new UiLocaleResolver();

    @Test
    void theBrowsersLanguageDecidesUnlessUiSaysOtherwise() {
        assertThat(resolve(null, "ru-RU,ru;q=0.9,en;q=0.5")).isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(resolve(null, "de-DE,ru;q=0.8,en;q=0.5")).as("the first supported one")
                .isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(resolve(null, "en-GB")).isEqualTo(Locale.ENGLISH);
        assertThat(resolve(null, "fr, de")).as("neither: English").isEqualTo(Locale.ENGLISH);
        assertThat(resolve(null, null)).isEqualTo(Locale.ENGLISH);
        assertThat(resolve("en", "ru")).isEqualTo(Locale.ENGLISH);
        assertThat(resolve(" RU ", "en")).isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(resolve("fr", "ru")).as("an unknown ui is ignored").isEqualTo(Locale.forLanguageTag("ru"));
    }

    @Test
    void linksCarryUiOnOnlyWhenItWasChosen() {
        MockHttpServletRequest chosen = request("ru", "en");
        chosen.setRequestURI("/episodes/x");
        chosen.setParameter("q", "a \"b\" & c+d");
        assertThat(PageLinks.of(chosen).moment("x", 12.5, null, "a+b")).isEqualTo("/episodes/x?t=12.5&q=a%2Bb&ui=ru");
        assertThat(PageLinks.of(request(null, "ru")).moment("x", null, null, null)).isEqualTo("/episodes/x");
        assertThat(PageLinks.inLanguage(chosen, "en")).isEqualTo("/episodes/x?q=a+%22b%22+%26+c%2Bd&ui=en");
    }

    private Locale resolve(String ui, String acceptLanguage) {
        return resolver.resolveLocale(request(ui, acceptLanguage));
    }

    private static MockHttpServletRequest request(String ui, String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        if (ui != null) {
            request.setParameter("ui", ui);
        }
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
            request.setPreferredLocales(java.util.Collections.list(
                    java.util.Collections.enumeration(Locale.LanguageRange.parse(acceptLanguage).stream()
                            .map(r -> Locale.forLanguageTag(r.getRange())).toList())));
        }
        return request;
    }
}
