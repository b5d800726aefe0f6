package dev.podgrep.app.ingestion;

import java.time.Instant;
import java.util.List;

/**
 * What one ingestion run did (the current run's numbers so far while it runs).
 *
 * @param startedAt        when it started
 * @param finishedAt       when it ended, or null while running
 * @param trigger          {@code startup}, {@code schedule} or {@code api} (or a test's name)
 * @param episodesSeen     episodes listed by the feeds read in this run (an unchanged feed, 304, lists none)
 * @param episodesIndexed  episodes that became searchable in this run
 * @param episodesFailed   episodes whose attempt failed in this run
 * @param episodesWaiting  episodes left pending because their language's speech model is unavailable
 * @param downloads        audio files downloaded (not taken from the cache) in this run
 * @param feedsFailed      feeds that could not be fetched or read
 * @param feeds            per feed, what happened
 */
public record RunSummary(Instant startedAt, Instant finishedAt, String trigger, int episodesSeen, int episodesIndexed,
                         int episodesFailed, int episodesWaiting, int downloads, int feedsFailed,
                         List<FeedOutcome> feeds) {
    public RunSummary {
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
    }
}
