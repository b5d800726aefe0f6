package dev.podgrep.app.search;

import dev.podgrep.app.search.query.ParsedQuery;

import java.time.LocalDate;

/**
 * A validated search: the parsed query plus filters, order and page.
 *
 * @param query    the parsed user query
 * @param feed     only this feed (its configured name), or null
 * @param language only this language ({@code en}, {@code ru}), or null
 * @param since    only episodes published on or after this date (UTC), or null
 * @param until    only episodes published on or before this date (UTC), or null
 * @param sort     relevance (default) or date (newest episode first)
 * @param collapse one hit per episode (its best segment) when true
 * @param page     0-based page
 * @param size     hits per page, 1..{@value #MAX_SIZE}
 */
public record SearchRequest(ParsedQuery query, String feed, String language, LocalDate since, LocalDate until,
                            Sort sort, boolean collapse, int page, int size) {

    public static final int MAX_SIZE = 100;
    /** Elasticsearch's default index.max_result_window: deeper pages are refused, not silently empty. */
    public static final int MAX_WINDOW = 10_000;

    /** Order of hits. */
    public enum Sort { RELEVANCE, DATE }

    public SearchRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if ((long) (page + 1) * size > MAX_WINDOW) {
            throw new IllegalArgumentException("page " + page + " of size " + size + " goes beyond the first "
                    + MAX_WINDOW + " hits; narrow the query instead");
        }
        if (since != null && until != null && since.isAfter(until)) {
            throw new IllegalArgumentException("since (" + since + ") is after until (" + until + ")");
        }
        sort = sort == null ? Sort.RELEVANCE : sort;
    }

    /** A plain first page of 10 by relevance. */
    public static SearchRequest of(ParsedQuery query) {
        return new SearchRequest(query, null, null, null, null, Sort.RELEVANCE, false, 0, 10);
    }
}
