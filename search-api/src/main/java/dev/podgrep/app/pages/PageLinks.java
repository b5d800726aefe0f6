package dev.podgrep.app.pages;

import dev.podgrep.app.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Links between the pages, relative to the site root. When the reader picked the language with {@code ?ui=}, every
 * link carries it on, so the choice holds while they browse; otherwise links leave it to the browser's language.
 *
 * @param ui the explicitly chosen language ({@code en}, {@code ru}), or null
 */
public record PageLinks(String ui) {

    /** The links of a page answering {@code request}. */
    static PageLinks of(HttpServletRequest request) {
        Locale explicit = UiLocaleResolver.explicit(request);
        return new PageLinks(explicit == null ? null : explicit.getLanguage());
    }

    /** The search page with these parameters (empty values left out). */
    public String search(Map<String, String> parameters) {
        return link("/", parameters);
    }

    /** The moment page of an episode from {@code t} (null: from the start), optionally to {@code end}, finding q. */
    public String moment(String episodeId, Double t, Double end, String q) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (t != null) {
            parameters.put("t", PublicUrl.seconds(t));
        }
        if (end != null) {
            parameters.put("end", PublicUrl.seconds(end));
        }
        parameters.put("q", q);
        return link("/episodes/" + episodeId, parameters);
    }

    /** The operators' page. */
    public String ops() {
        return link("/ops", Map.of());
    }

    /** {@code path} with {@code parameters} (empty values left out) and {@code ui} when it was chosen. */
    public String link(String path, Map<String, String> parameters) {
        StringBuilder b = new StringBuilder(path);
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                append(b, name, value);
            }
        });
        if (ui != null) {
            append(b, UiLocaleResolver.PARAMETER, ui);
        }
        return b.toString();
    }

    private static void append(StringBuilder url, String name, String value) {
        url.append(url.indexOf("?") < 0 ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** The current request's URL in another language (the language switch). */
    static String inLanguage(HttpServletRequest request, String language) {
        StringBuilder b = new StringBuilder(request.getRequestURI());
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals(UiLocaleResolver.PARAMETER)) {
                for (String value : values) {
                    append(b, name, value);
                }
            }
        });
        append(b, UiLocaleResolver.PARAMETER, language);
        return b.toString();
    }
}
