package dev.podgrep.app.search;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One hit: a transcript segment that matches, with where to jump to.
 *
 * @param startSeconds     start of the matching segment
 * @param endSeconds       end of the matching segment
 * @param matchSeconds     start of the first matching word (from the stored word timings)
 * @param text             the segment's words
 * @param highlight        {@code text} HTML-escaped, with {@code <em>} around the matching words
 * @param deepLink         {@code audioUrl#t=<matchSeconds rounded down>}
 * @param matchingSegments with {@code collapse=episode}: how many segments of the episode match; else null
 * @param matchKind        how the segment matched: {@code exact}, {@code stem}, {@code sound} or {@code fuzzy} (the
 *                         weakest tier any required term needed)
 * @param heardAs          the transcript words that matched, as spoken, where they differ from the query's words
 *                         (a split, misspelt, inflected or other-script rendering; one per such query term, joined
 *                         by ", "); null when they read as typed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(String episodeId, String episodeTitle, String feed, String language, String publishedAt,
                        String audioUrl, String episodeUrl, String transcriptSource, double startSeconds,
                        double endSeconds, double matchSeconds, String text, String highlight, String deepLink,
                        Long matchingSegments, String matchKind, String heardAs) {
}
