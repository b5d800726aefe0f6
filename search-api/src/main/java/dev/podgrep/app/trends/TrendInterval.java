package dev.podgrep.app.trends;

import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import dev.podgrep.app.web.BadRequestException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The width of a trends bucket: a calendar week (Monday to Sunday, as Elasticsearch's {@code week}), month or year,
 * in UTC on the episode's publication date.
 */
public enum TrendInterval {
    WEEK(CalendarInterval.Week), MONTH(CalendarInterval.Month), YEAR(CalendarInterval.Year);

    private final CalendarInterval elasticsearch;

    TrendInterval(CalendarInterval elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /** The {@code interval} parameter: week, month or year (any case). */
    public static TrendInterval parse(String value) {
        if (value == null || value.isBlank()) {
            return MONTH;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "week" -> WEEK;
            case "month" -> MONTH;
            case "year" -> YEAR;
            default -> throw new BadRequestException("parameter 'interval' must be week, month or year, was '"
                    + value + "'");
        };
    }

    /** The wire name (week, month, year). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    CalendarInterval elasticsearch() {
        return elasticsearch;
    }

    /** The first day of the bucket that holds {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The first day of the next bucket. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    /** How many buckets from the one holding {@code from} to the one holding {@code to}, both included. */
    long count(LocalDate from, LocalDate to) {
        LocalDate a = start(from);
        LocalDate b = start(to);
        return switch (this) {
            case WEEK -> ChronoUnit.WEEKS.between(a, b) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(a, b) + 1;
            case YEAR -> ChronoUnit.YEARS.between(a, b) + 1;
        };
    }
}
