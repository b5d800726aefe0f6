package dev.podgrep.app.trends;

import java.util.List;

/**
 * The answer of {@code GET /api/trends}: mentions of a query over time, one bucket per period from the first to the
 * last (empty periods included).
 *
 * @param query    the query as typed
 * @param interval week, month or year
 * @param buckets  the periods in time order
 */
public record Trends(String query, String interval, List<TrendBucket> buckets) {

    /** RFC 4180 CSV (CRLF line ends) with a header line: start, mentions, episodes, audioHours, mentionsPerHour. */
    public String csv() {
        StringBuilder b = new StringBuilder("start,mentions,episodes,audioHours,mentionsPerHour\r\n");
        for (TrendBucket bucket : buckets) {
            b.append(bucket.start()).append(',').append(bucket.mentions()).append(',').append(bucket.episodes())
                    .append(',').append(bucket.audioHours()).append(',').append(bucket.mentionsPerHour())
                    .append("\r\n");
        }
        return b.toString();
    }
}
