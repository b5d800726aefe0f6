package dev.podgrep.app.pages;

import java.util.List;

/**
 * What the operators' page ({@code /ops}) shows, read-only: the feeds and their last fetch, the run in progress with
 * each episode's progress, the last finished run, the backlog and the failed episodes.
 *
 * @param feeds   every feed
 * @param run     the run in progress, or null
 * @param lastRun the last finished run of this instance, or null
 * @param backlog {@code 3 episodes, 2.5 hours of audio}, in the reader's language (the backlog of
 *                {@code GET /api/ingest/status})
 * @param backlogEstimate when the backlog will be transcribed at the measured speed, in the reader's language, or
 *                null when unknown or nothing waits
 * @param failed  the failed episodes, newest first (at most {@link OpsPageController#FAILED_SHOWN})
 * @param failedTotal how many episodes failed in all
 */
public record OpsPage(List<FeedRow> feeds, Run run, Run lastRun, String backlog, String backlogEstimate,
                      List<FailedRow> failed, long failedTotal) {

    /**
     * A feed.
     *
     * @param outcome      its last fetch's outcome in the reader's language, or empty before the first
     * @param outcomeClass {@code ok}, {@code failed} or empty, for styling
     * @param lastFetch    when it was last fetched, in the reader's language, or empty
     * @param lastFetchIso the same as ISO-8601, or empty
     */
    public record FeedRow(String name, String title, String language, String url, String lastFetch,
                          String lastFetchIso, String outcome, String outcomeClass, String error, String episodes,
                          boolean stopped) {
    }

    /**
     * A run.
     *
     * @param started  when it started (reader's language)
     * @param finished when it ended, or empty while it runs
     * @param counts   {@code 12 episodes seen, 3 indexed, 1 failed}, in the reader's language
     * @param episodes what it works on now (empty for a finished run)
     */
    public record Run(String started, String startedIso, String finished, String trigger, String counts,
                      List<Progress> episodes) {
    }

    /**
     * An episode the run works on.
     *
     * @param stage   what is done to it, in the reader's language
     * @param percent how much is transcribed (0-100), or null outside transcription
     */
    public record Progress(String episodeId, String title, String feed, String stage, Integer percent) {
    }

    /** A failed episode with its error. */
    public record FailedRow(String episodeId, String title, String feed, String date, int attempts, String error,
                            String href) {
    }
}
