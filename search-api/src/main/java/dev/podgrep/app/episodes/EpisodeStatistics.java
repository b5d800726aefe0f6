package dev.podgrep.app.episodes;

import java.util.List;
import java.util.Map;

/**
 * Episodes by state, and the backlog: what still needs work.
 *
 * @param byStatus            episodes in each state (every state present, 0 when none)
 * @param backlogEpisodes     episodes that need work
 * @param backlogAudioSeconds their audio duration as the feeds announce it (episodes without one count as 0)
 * @param backlogWithoutDuration how many of the backlog's episodes have no duration in their feed (not in
 *                            {@code backlogAudioSeconds})
 * @param perFeed             the backlog per feed
 */
public record EpisodeStatistics(Map<EpisodeStatus, Long> byStatus, long backlogEpisodes, double backlogAudioSeconds,
                                long backlogWithoutDuration, List<FeedBacklog> perFeed) {

    public EpisodeStatistics {
        byStatus = Map.copyOf(byStatus);
        perFeed = List.copyOf(perFeed);
    }

    /** One feed's backlog. */
    public record FeedBacklog(String feed, long episodes, double audioSeconds) {
    }
}
