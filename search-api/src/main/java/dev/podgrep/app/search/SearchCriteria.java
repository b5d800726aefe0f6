package dev.podgrep.app.search;

import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.PageWindow;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to search for: the parsed user query plus filters, order and the page of hits. (Not to be confused with
 * Elasticsearch's own {@code SearchRequest}, which {@link SearchService} builds from this.)
 *
 * @param query    the parsed user query
 * @param feed     only this feed (its configured name), or null
 * @param language only this language ({@code en}, {@code ru}), or null
 * @param since    only episodes published on or after this date (UTC), or null
 * @param until    only episodes published on or before this date (UTC), or null
 * @param sort     relevance (default) or date (newest episode first)
 * @param collapse one hit per episode (its best segment) when true
 * @param window   the page of hits, at most {@value #MAX_SIZE} per page
 */
public record SearchCriteria(ParsedQuery query, String feed, String language, LocalDate since, LocalDate until,
                             Sort sort, boolean collapse, PageWindow window) {

    /** The languages podgrep transcribes (feeds are configured with one of these): the values of {@code lang}. */
    public static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "ru");

    /** Most hits per page. */
    public static final int MAX_SIZE = 100;

    /** Order of hits. */
    public enum Sort { RELEVANCE, DATE }

    /**
     * @throws BadRequestException when {@code since} is after {@code until}
     */
    public SearchCriteria {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(window, "window");
        if (since != null && until != null && since.isAfter(until)) {
            throw new BadRequestException("parameter 'since' (" + since + ") is after 'until' (" + until + ")");
        }
        sort = sort == null ? Sort.RELEVANCE : sort;
    }

    /** A plain first page of 10 by relevance. */
    public static SearchCriteria of(ParsedQuery query) {
        return new SearchCriteria(query, null, null, null, null, Sort.RELEVANCE, false, new PageWindow(0, 10));
    }
}
