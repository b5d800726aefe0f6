package dev.podgrep.app.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What every page has around its content: the language and the links to the same page in the other language, the
 * links between pages, and the texts the page's scripts need ({@code js.*} messages, as JSON in a
 * {@code data-text} attribute, so that the scripts hold no language of their own).
 */
@Component
class PageChrome {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageSource messages;
    private final List<String> scriptKeys;

    PageChrome(MessageSource messages) {
        this.messages = messages;
        this.scriptKeys = scriptKeys();
    }

    /** The attributes every page template reads. */
    Map<String, Object> attributes(HttpServletRequest request, Locale locale) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("lang", locale.getLanguage());
        a.put("links", PageLinks.of(request));
        a.put("inEnglish", PageLinks.inLanguage(request, "en"));
        a.put("inRussian", PageLinks.inLanguage(request, "ru"));
        a.put("scriptText", scriptText(locale));
        return a;
    }

    private String scriptText(Locale locale) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : scriptKeys) {
            texts.put(key.substring("js.".length()), messages.getMessage(key, null, locale));
        }
        try {
            return JSON.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the pages' script texts", e);
        }
    }

    private static List<String> scriptKeys() {
        Properties base = new Properties();
        try (InputStream in = new ClassPathResource("messages.properties").getInputStream()) {
            base.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("messages.properties is missing from the class path", e);
        }
        return Collections.list(base.propertyNames()).stream().map(Object::toString)
                .filter(k -> k.startsWith("js.")).sorted().toList();
    }
}
