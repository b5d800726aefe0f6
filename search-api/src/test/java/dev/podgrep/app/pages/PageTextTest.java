package dev.podgrep.app.pages;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' counted texts agree with their numbers in both languages, and both languages have every text. */
class PageTextTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private final PageText text = new PageText(messages());

    @Test
    void russianCountsTakeTheirThreeForms() {
        assertThat(text.format("search.summary", RU, 1, 1)).isEqualTo("1 совпадение в 1 выпуске");
        assertThat(text.format("search.summary", RU, 3, 2)).isEqualTo("3 совпадения в 2 выпусках");
        assertThat(text.format("search.summary", RU, 5, 5)).isEqualTo("5 совпадений в 5 выпусках");
        assertThat(text.format("search.summary", RU, 21, 1)).isEqualTo("21 совпадение в 1 выпуске");
        assertThat(text.format("search.summary", RU, 1234, 12)).isEqualTo("1\u00a0234 совпадения в 12 выпусках");
        assertThat(text.format("moment.find.summary", RU, 0)).isEqualTo("В этом выпуске не найдено");
    }

    @Test
    void englishCountsToo() {
        assertThat(text.format("search.summary", Locale.ENGLISH, 1, 1)).isEqualTo("1 hit in 1 episode");
        assertThat(text.format("search.summary", Locale.ENGLISH, 1234, 2)).isEqualTo("1,234 hits in 2 episodes");
        assertThat(text.format("ops.backlog.summary", Locale.ENGLISH, 2, "1.5", 1))
                .isEqualTo("2 episodes wait, 1.5 hours of audio (and 1 without a known duration)");
        assertThat(text.format("ops.run.counts", Locale.ENGLISH, 4, 3, 1, 0))
                .isEqualTo("4 episodes seen, 3 indexed, 1 failed.");
    }

    @Test
    void bothLanguagesHaveEveryText() throws Exception {
        Properties en = load("messages.properties");
        Properties ru = load("messages_ru.properties");
        assertThat(ru.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = PageTextTest.class.getClassLoader().getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** As Spring Boot configures it from application.yml. */
    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
