package dev.podgrep.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import dev.podgrep.app.feeds.FeedRecord;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.search.SearchCriteria;
import dev.podgrep.app.search.SearchHit;
import dev.podgrep.app.search.SearchResult;
import dev.podgrep.app.search.SearchService;
import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.PageWindow;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search page ({@code GET /}) and its results alone ({@code GET /results}, the fragment the page's script
 * swaps in while the reader types). Both run the one {@link SearchService} the JSON API runs, with the same query
 * parser and filters, one search per request; the hits of a page are grouped by episode.
 */
@Controller
@Hidden   // pages, not the JSON API: left out of /v3/api-docs
class SearchPageController {

    /** Hits per page. */
    static final int PAGE_SIZE = 30;
    /** How far before the matching word the player starts. */
    static final double LEAD_IN_SECONDS = 2.0;

    private final SearchService search;
    private final FeedRegistry feeds;
    private final PageText text;

    SearchPageController(SearchService search, FeedRegistry feeds, PageText text) {
        this.search = search;
        this.feeds = feeds;
        this.text = text;
    }

    @GetMapping("/")
    String page(@RequestParam(required = false) String q, @RequestParam(required = false) String feed,
                @RequestParam(required = false) String lang, @RequestParam(required = false) String since,
                @RequestParam(required = false) String until, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String page, HttpServletRequest request, Locale locale,
                Model model) {
        SearchForm form = SearchForm.of(q, feed, lang, since, until, sort, page);
        model.addAttribute("page", run(form, feedOptions(), PageLinks.of(request), locale));
        return "search";
    }

    @GetMapping("/results")
    String results(@RequestParam(required = false) String q, @RequestParam(required = false) String feed,
                   @RequestParam(required = false) String lang, @RequestParam(required = false) String since,
                   @RequestParam(required = false) String until, @RequestParam(required = false) String sort,
                   @RequestParam(required = false) String page, HttpServletRequest request, Locale locale,
                   Model model) {
        SearchForm form = SearchForm.of(q, feed, lang, since, until, sort, page);
        model.addAttribute("page", run(form, List.of(), PageLinks.of(request), locale));
        return "search :: results";
    }

    private SearchPage run(SearchForm form, List<SearchPage.FeedOption> feedOptions, PageLinks links,
                           Locale locale) {
        if (!form.asked()) {
            return new SearchPage(form, feedOptions, null, null);
        }
        SearchCriteria criteria;
        try {
            ParsedQuery query = QueryParser.parse(form.q());
            LocalDate since = date("since", form.since(), locale);
            LocalDate until = date("until", form.until(), locale);
            String language = form.lang();
            if (language != null && !List.of("en", "ru").contains(language)) {
                language = null;
            }
            SearchCriteria.Sort sort = "date".equals(form.sort()) ? SearchCriteria.Sort.DATE
                    : SearchCriteria.Sort.RELEVANCE;
            PageWindow window = PageWindow.of(form.page(), PAGE_SIZE, PAGE_SIZE, "narrow the search");
            criteria = new SearchCriteria(query, form.feed(), language, since, until, sort, false, window);
        } catch (BadRequestException e) {
            return new SearchPage(form, feedOptions, null, e.getMessage());
        }
        SearchResult hits = search.search(criteria);
        return new SearchPage(form, feedOptions, results(form, hits, links, locale), null);
    }

    private SearchPage.Results results(SearchForm form, SearchResult result, PageLinks links, Locale locale) {
        PageFormats formats = new PageFormats(locale);
        Map<String, List<SearchHit>> byEpisode = new LinkedHashMap<>();
        for (SearchHit hit : result.hits()) {
            byEpisode.computeIfAbsent(hit.episodeId(), id -> new ArrayList<>()).add(hit);
        }
        List<SearchPage.EpisodeHits> groups = new ArrayList<>();
        for (List<SearchHit> hits : byEpisode.values()) {
            hits.sort(Comparator.comparingDouble(SearchHit::matchSeconds));
            SearchHit first = hits.getFirst();
            List<SearchPage.Hit> lines = hits.stream().map(h -> new SearchPage.Hit(h.episodeId(),
                    decimal(h.matchSeconds()), PageFormats.clock(h.matchSeconds()), h.highlight(),
                    links.moment(h.episodeId(), startAt(h.matchSeconds()), null, form.q()), h.audioUrl(),
                    h.heardAs())).toList();
            groups.add(new SearchPage.EpisodeHits(first.episodeId(),
                    first.episodeTitle() == null || first.episodeTitle().isBlank() ? first.episodeId()
                            : first.episodeTitle(),
                    first.feed(), first.language(), formats.date(first.publishedAt()),
                    first.publishedAt() == null ? "" : first.publishedAt(),
                    text.get("source." + ("publisher".equals(first.transcriptSource()) ? "publisher" : "asr"), locale),
                    links.moment(first.episodeId(), startAt(first.matchSeconds()), null, form.q()), lines));
        }
        long shownFrom = (long) form.page() * PAGE_SIZE + 1;
        long shownTo = (long) form.page() * PAGE_SIZE + result.hits().size();
        String previous = form.page() > 0 ? links.search(form.parametersOfPage(form.page() - 1)) : null;
        String next = shownTo < result.total() && (long) (form.page() + 2) * PAGE_SIZE <= PageWindow.MAX_WINDOW
                ? links.search(form.parametersOfPage(form.page() + 1)) : null;
        List<SearchPage.Link> suggestions = new ArrayList<>();
        if (result.total() == 0) {
            if (form.feed() != null) {
                suggestions.add(new SearchPage.Link(text.get("search.none.all-feeds", locale),
                        links.search(form.parametersWithout("feed"))));
            }
            if (form.lang() != null) {
                suggestions.add(new SearchPage.Link(text.get("search.none.all-languages", locale),
                        links.search(form.parametersWithout("lang"))));
            }
            if (form.since() != null || form.until() != null) {
                suggestions.add(new SearchPage.Link(text.get("search.none.all-dates", locale),
                        links.search(form.parametersWithout("since", "until"))));
            }
            if (suggestions.size() > 1) {
                suggestions.add(new SearchPage.Link(text.get("search.none.no-filters", locale),
                        links.search(form.parametersWithout("feed", "lang", "since", "until"))));
            }
        }
        // how many episodes is known from the page when the page holds every hit; beyond that it would cost a
        // second search per keystroke (an aggregation over every matching episode), so only the hits are counted
        String summary = form.page() == 0 && result.total() <= result.hits().size()
                ? text.format("search.summary", locale, result.total(), byEpisode.size())
                : text.format("search.summary.hits", locale, result.total());
        return new SearchPage.Results(summary,
                result.total(), groups, previous, next,
                result.hits().isEmpty() ? "" : formats.number(shownFrom) + "–" + formats.number(shownTo),
                suggestions);
    }

    private List<SearchPage.FeedOption> feedOptions() {
        return feeds.list().stream().map(f -> new SearchPage.FeedOption(f.name(), label(f))).toList();
    }

    private static String label(FeedRecord feed) {
        return feed.title() == null || feed.title().isBlank() ? feed.name() : feed.title() + " (" + feed.name() + ")";
    }

    private LocalDate date(String name, String value, Locale locale) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(text.format("search.bad-date", locale, name, value));
        }
    }

    /** Where the player starts for a match: a couple of seconds before it (not before the start). */
    static double startAt(double matchSeconds) {
        return Math.max(0, Math.floor((matchSeconds - LEAD_IN_SECONDS) * 10) / 10);
    }

    static String decimal(double seconds) {
        return dev.podgrep.app.web.PublicUrl.seconds(seconds);
    }
}
