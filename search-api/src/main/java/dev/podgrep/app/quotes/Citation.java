package dev.podgrep.app.quotes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The citation line of a quote: {@code <feed> — "<episode title>" (<yyyy-mm-dd>), <from>–<to>}, for example
 * {@code the-naked-pravda — "How sanctions changed Russia" (2026-03-01), 00:14–00:16}.
 *
 * <ul>
 *   <li>The date is the episode's publication date in UTC; {@code undated} when the feed gave none.</li>
 *   <li>A missing title is replaced by the episode id.</li>
 *   <li>Times are whole seconds: the start rounded down, the end rounded up, so the cited range contains the
 *       quote. Both are {@code mm:ss}, or both {@code h:mm:ss} when the end is an hour or more in
 *       ({@code 59:58–1:00:03} would mix forms; it is written {@code 0:59:58–1:00:03}).</li>
 *   <li>An em dash separates feed and title; an en dash the two times.</li>
 * </ul>
 */
public final class Citation {

    private Citation() {
    }

    /** The citation line; see the class comment. */
    public static String of(String feed, String episodeId, String title, String publishedAt,
                            double startSeconds, double endSeconds) {
        long from = (long) Math.floor(startSeconds);
        long to = (long) Math.ceil(endSeconds);
        boolean hours = to >= 3600;
        return feed + " — \"" + (title == null || title.isBlank() ? episodeId : title) + "\" ("
                + date(publishedAt) + "), " + time(from, hours) + "–" + time(to, hours);
    }

    /** {@code mm:ss}, or {@code h:mm:ss} when {@code hours}. */
    static String time(long seconds, boolean hours) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return hours ? String.format("%d:%02d:%02d", h, m, s) : String.format("%02d:%02d", m, s);
    }

    private static String date(String publishedAt) {
        if (publishedAt == null || publishedAt.isBlank()) {
            return "undated";
        }
        try {
            return LocalDate.ofInstant(Instant.parse(publishedAt), ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return publishedAt.length() >= 10 ? publishedAt.substring(0, 10) : publishedAt;
        }
    }
}
