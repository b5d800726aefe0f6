package dev.podgrep.app.search;

import dev.podgrep.app.search.query.QueryParser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Locale;

/** {@code GET /api/search}: timestamped hits for plain user text. */
@RestController
@RequestMapping("/api")
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/search")
    SearchResult search(@RequestParam(required = false) String q,
                        @RequestParam(required = false) String feed,
                        @RequestParam(required = false) String lang,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
                        @RequestParam(defaultValue = "relevance") String sort,
                        @RequestParam(required = false) String collapse,
                        @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "10") int size) {
        SearchRequest.Sort order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "relevance" -> SearchRequest.Sort.RELEVANCE;
            case "date" -> SearchRequest.Sort.DATE;
            default -> throw new IllegalArgumentException("sort must be relevance or date, was '" + sort + "'");
        };
        boolean collapsed = collapse != null && !collapse.isBlank();
        if (collapsed && !"episode".equals(collapse)) {
            throw new IllegalArgumentException("collapse must be 'episode' (or absent), was '" + collapse + "'");
        }
        return search.search(new SearchRequest(QueryParser.parse(q), blankToNull(feed), blankToNull(lang), since,
                until, order, collapsed, page, size));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
