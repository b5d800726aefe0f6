package dev.podgrep.app.ingestion;

import dev.podgrep.app.episodes.EpisodeStatistics;

import java.time.Instant;
import java.util.List;

/**
 * What still needs work, and when it will be done at the measured speed.
 *
 * @param episodes        episodes that need work
 * @param audioHours      their audio, as the feeds announce it
 * @param episodesWithoutDuration how many of them have no duration in their feed (their audio is not in
 *                        {@code audioHours} nor in the estimate)
 * @param perFeed         the same per feed
 * @param realtimeFactor  seconds of audio one transcription gets through per second (measured on this instance's
 *                        recent transcriptions), or null before the first
 * @param estimatedDoneAt when the backlog will be transcribed at that speed with {@code podgrep.vosk.parallelism}
 *                        transcriptions at once (downloads and new episodes aside), or null when unknown
 */
public record Backlog(long episodes, double audioHours, long episodesWithoutDuration, List<FeedBacklog> perFeed, Double realtimeFactor,
                      Instant estimatedDoneAt) {

    /** One feed's backlog. */
    public record FeedBacklog(String feed, long episodes, double audioHours) {
    }

    static Backlog of(EpisodeStatistics statistics, Double realtimeFactor, int parallelism, Instant now) {
        Instant done = null;
        if (realtimeFactor != null && realtimeFactor > 0 && parallelism > 0) {
            double seconds = statistics.backlogAudioSeconds() / (realtimeFactor * parallelism);
            done = now.plusSeconds((long) Math.ceil(seconds));
        }
        return new Backlog(statistics.backlogEpisodes(), hours(statistics.backlogAudioSeconds()),
                statistics.backlogWithoutDuration(),
                statistics.perFeed().stream().map(f -> new FeedBacklog(f.feed(), f.episodes(),
                        hours(f.audioSeconds()))).toList(), realtimeFactor, done);
    }

    private static double hours(double seconds) {
        return Math.round(seconds / 36.0) / 100.0;
    }
}
