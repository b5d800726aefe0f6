package dev.podgrep.ingest.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication dates real feeds write, for when Rome's own date parsing gives up: RFC 822 dates with or
 * without the day of week, single-digit days, full, abbreviated or dotted month names, two-digit years, missing
 * seconds, AM/PM, US month-first order ({@code March 5, 2024 10:00 AM EST}); offsets as {@code +0300},
 * {@code +03:00}, {@code +03}, {@code GMT+3}; {@code GMT}/{@code UT}/{@code Z}; North American and a few European
 * zone names ({@code EST}, {@code PDT}, {@code MSK}, {@code CET}...) and region ids ({@code Europe/Moscow}); ISO 8601
 * with {@code T} or a space, with or without an offset, or a date alone.
 *
 * <p>A date without any zone is taken as UTC. A date alone is midnight UTC.
 */
public final class PublishedDateParser {

    private static final String DAY_OF_WEEK = "(?:[A-Za-z]{2,9}\\.?,?\\s+)?";   // often wrong or missing
    private static final String TIME_AND_ZONE =
            "(?:\\s+(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2})(?:\\.\\d+)?)?\\s*([AaPp]\\.?[Mm]\\.?)?)?\\s*(.*)";
    /** {@code Tue, 5 Mar 2024 10:00:00 +0300} and relatives: groups day, month, year, hour, min, sec, am/pm, zone. */
    private static final Pattern DAY_FIRST = Pattern.compile(DAY_OF_WEEK
            + "(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+([A-Za-z]{3,9})\\.?,?[\\s-]+(\\d{4}|\\d{2})(?!\\d),?" + TIME_AND_ZONE);
    /** {@code March 5, 2024 10:00 AM EST}: groups month, day, year, hour, min, sec, am/pm, zone. */
    private static final Pattern MONTH_FIRST = Pattern.compile(DAY_OF_WEEK
            + "([A-Za-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4}),?" + TIME_AND_ZONE);
    private static final Pattern ISO_LIKE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[T\\s]+(\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?))?\\s*(.*)");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("(?:GMT|UTC|UT)?\\s*([+-])(\\d{1,2}):?(\\d{2})?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, ZoneId> ZONE_NAMES = Map.ofEntries(
            Map.entry("Z", ZoneOffset.UTC), Map.entry("UT", ZoneOffset.UTC), Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("BST", ZoneOffset.ofHours(1)), Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)), Map.entry("EET", ZoneOffset.ofHours(2)),
            Map.entry("EEST", ZoneOffset.ofHours(3)), Map.entry("MSK", ZoneOffset.ofHours(3)));

    private PublishedDateParser() {
    }

    /**
     * Parses a publication date as feeds write it.
     *
     * @param text the element's text, may be null
     * @return the instant, or empty when the text is blank or no supported form fits
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip().replaceAll("\\s+", " ");
        try {
            Matcher iso = ISO_LIKE.matcher(s);
            if (iso.matches()) {
                return fromIso(iso);
            }
            Matcher dayFirst = DAY_FIRST.matcher(s);
            if (dayFirst.matches()) {
                return fromWords(dayFirst.group(1), dayFirst.group(2), dayFirst.group(3), dayFirst);
            }
            Matcher monthFirst = MONTH_FIRST.matcher(s);
            if (monthFirst.matches()) {
                return fromWords(monthFirst.group(2), monthFirst.group(1), monthFirst.group(3), monthFirst);
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Instant> fromIso(Matcher m) {
        LocalDate date = LocalDate.parse(m.group(1));
        LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT
                : LocalTime.parse(padHour(m.group(2).replace(',', '.')));
        return zone(m.group(3)).map(zone -> LocalDateTime.of(date, time).atZone(zone).toInstant());
    }

    /** Groups 4 to 8 of {@code m} are hour, minute, second, am/pm and zone. */
    private static Optional<Instant> fromWords(String dayText, String monthName, String yearText, Matcher m) {
        int day = Integer.parseInt(dayText);
        Integer month = MONTHS.get(monthName.substring(0, 3).toLowerCase(Locale.ROOT));
        if (month == null || !isMonthName(monthName)) {
            return Optional.empty();
        }
        int year = Integer.parseInt(yearText);
        if (yearText.length() == 2) {
            year += year < 50 ? 2000 : 1900;   // RFC 2822 section 4.3
        }
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        if (m.group(7) != null) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + (Character.toLowerCase(m.group(7).charAt(0)) == 'p' ? 12 : 0);
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
        return zone(m.group(8)).map(zone -> local.atZone(zone).toInstant());
    }

    private static boolean isMonthName(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() == 3 || w.equals("sept")) {
            return true;
        }
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(w)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ZoneId> zone(String rest) {
        String z = rest.strip();
        // a trailing comment such as "(Moscow Standard Time)" says nothing a parser can trust
        z = z.replaceAll("\\(.*\\)$", "").strip();
        if (z.isEmpty()) {
            return Optional.of(ZoneOffset.UTC);
        }
        ZoneId named = ZONE_NAMES.get(z.toUpperCase(Locale.ROOT));
        if (named != null) {
            return Optional.of(named);
        }
        Matcher offset = NUMERIC_OFFSET.matcher(z);
        if (offset.matches()) {
            int hours = Integer.parseInt(offset.group(2));
            int minutes = offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3));
            int sign = offset.group(1).equals("-") ? -1 : 1;
            return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        }
        if (z.contains("/")) {
            try {
                return Optional.of(ZoneId.of(z));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String padHour(String time) {
        return time.indexOf(':') == 1 ? "0" + time : time;
    }
}
