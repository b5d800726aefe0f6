package dev.podgrep.app.export;

import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.web.BadRequestException;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to export: the parsed query and the same filters as search (no order, no page: every occurrence, newest
 * episode first, in reading order within an episode).
 *
 * @param feed     only this feed (its configured name), or null
 * @param language only this language ({@code en}, {@code ru}), or null
 * @param since    only episodes published on or after this date (UTC), or null
 * @param until    only episodes published on or before this date (UTC, inclusive), or null
 */
public record ExportRequest(ParsedQuery query, String feed, String language, LocalDate since, LocalDate until) {

    /**
     * @throws BadRequestException when {@code since} is after {@code until}
     */
    public ExportRequest {
        Objects.requireNonNull(query, "query");
        if (since != null && until != null && since.isAfter(until)) {
            throw new BadRequestException("parameter 'since' (" + since + ") is after 'until' (" + until + ")");
        }
    }
}
