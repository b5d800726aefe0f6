package dev.podgrep.app.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The language of the pages: {@code ?ui=en|ru} when the request names one, else the best of English and Russian in
 * the browser's {@code Accept-Language}, else English. Stateless (no cookie, no session): a link carries {@code ui}
 * on when the reader chose a language explicitly (see {@link PageLinks}).
 */
public class UiLocaleResolver implements LocaleResolver {

    /** The request parameter that picks the language. */
    public static final String PARAMETER = "ui";

    /** The languages the pages speak, the default first. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Locale chosen = explicit(request);
        if (chosen != null) {
            return chosen;
        }
        for (Locale wanted : Collections.list(request.getLocales())) {
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(wanted.getLanguage())) {
                    return supported;
                }
            }
        }
        return SUPPORTED.getFirst();
    }

    /** The language the request names with {@code ui}, or null when it names none (or one the pages lack). */
    static Locale explicit(HttpServletRequest request) {
        String ui = request.getParameter(PARAMETER);
        if (ui == null) {
            return null;
        }
        String language = ui.strip().toLowerCase(Locale.ROOT);
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst().orElse(null);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the pages' language is chosen per request with ?ui=");
    }
}
