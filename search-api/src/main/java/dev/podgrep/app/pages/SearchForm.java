package dev.podgrep.app.pages;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the search page was asked, as typed (strings, so that a bad value can be shown back with a message rather
 * than lost): {@code q}, the filters {@code feed}, {@code lang}, {@code since}, {@code until}, the order
 * {@code sort} ({@code relevance} or {@code date}) and the 0-based {@code page}.
 */
public record SearchForm(String q, String feed, String lang, String since, String until, String sort, int page) {

    public SearchForm {
        q = trim(q);
        feed = trim(feed);
        lang = trim(lang) == null ? null : trim(lang).toLowerCase(Locale.ROOT);
        since = trim(since);
        until = trim(until);
        sort = "date".equalsIgnoreCase(trim(sort)) ? "date" : "relevance";
        page = Math.max(0, page);
    }

    /** From request parameters; an unreadable page number is the first page. */
    static SearchForm of(String q, String feed, String lang, String since, String until, String sort, String page) {
        int p = 0;
        if (page != null && page.strip().matches("\\d{1,4}")) {
            p = Integer.parseInt(page.strip());
        }
        return new SearchForm(q, feed, lang, since, until, sort, p);
    }

    /** Whether anything was asked. */
    public boolean asked() {
        return q != null;
    }

    /** Whether a filter narrows the search. */
    public boolean filtered() {
        return feed != null || lang != null || since != null || until != null;
    }

    /** The parameters of this search for a URL (defaults left out). */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q", q);
        p.put("feed", feed);
        p.put("lang", lang);
        p.put("since", since);
        p.put("until", until);
        if (!"relevance".equals(sort)) {
            p.put("sort", sort);
        }
        if (page > 0) {
            p.put("page", Integer.toString(page));
        }
        return p;
    }

    /** The parameters without {@code names} and on the first page. */
    public Map<String, String> parametersWithout(String... names) {
        Map<String, String> p = parameters();
        p.remove("page");
        for (String name : names) {
            p.remove(name);
        }
        return p;
    }

    /** The parameters of {@code GET /api/trends} for this search, as CSV. */
    public Map<String, String> trendsCsv() {
        Map<String, String> p = parametersWithout("sort");
        p.put("format", "csv");
        return p;
    }

    /** The parameters of another page of this search. */
    public Map<String, String> parametersOfPage(int other) {
        Map<String, String> p = parameters();
        p.remove("page");
        if (other > 0) {
            p.put("page", Integer.toString(other));
        }
        return p;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
