package dev.podgrep.app.trends;

/**
 * One period of {@code GET /api/trends}.
 *
 * @param start           the first day of the period (ISO date, UTC)
 * @param mentions        occurrences of the query's words and phrases in the period's episodes (a phrase counts once
 *                        per occurrence), in every matching tier, in segments that match the whole query
 * @param episodes        episodes of the period with at least one mention
 * @param audioHours      the indexed audio of the period's episodes, with or without mentions, in hours
 * @param mentionsPerHour {@code mentions / audioHours}, 0 when the period has no indexed audio
 */
public record TrendBucket(String start, long mentions, long episodes, double audioHours, double mentionsPerHour) {
}
