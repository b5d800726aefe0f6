package dev.podgrep.app.pages;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates, numbers and times in the reader's language. Publication dates are calendar dates in UTC, as everywhere in
 * podgrep (filters, citations); moments of operation (a feed's last fetch) are shown in UTC with the zone said.
 *
 * @param locale the reader's locale
 */
public record PageFormats(Locale locale) {

    /** {@code 5 Jan 2026} / {@code 5 янв. 2026 г.}; empty for null. */
    public String date(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
                .format(instant.atZone(ZoneOffset.UTC));
    }

    /** {@link #date(Instant)} of an ISO instant string; the string itself when it does not parse, empty for null. */
    public String date(String isoInstant) {
        if (isoInstant == null || isoInstant.isBlank()) {
            return "";
        }
        try {
            return date(Instant.parse(isoInstant));
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }

    /** Date and time to the minute, in UTC: {@code 5 Jan 2026, 06:00 UTC}; empty for null. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).format(instant.atZone(ZoneOffset.UTC)) + " UTC";
    }

    /** A whole number with the locale's grouping: {@code 12,345} / {@code 12 345}. */
    public String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** A number with at most {@code digits} decimals: {@code 1.5} / {@code 1,5}. */
    public String decimal(double value, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(digits);
        f.setMinimumFractionDigits(0);
        return f.format(value);
    }

    /** A position in an episode: {@code mm:ss}, or {@code h:mm:ss} from an hour on (the same in every language). */
    public static String clock(double seconds) {
        long s = (long) Math.floor(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** The instant as ISO-8601 for a {@code <time datetime>} attribute; empty for null. */
    public static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
