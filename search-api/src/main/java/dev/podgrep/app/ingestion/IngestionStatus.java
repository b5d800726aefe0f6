package dev.podgrep.app.ingestion;

import dev.podgrep.app.audio.AudioCache;

import java.util.List;

/**
 * The answer of {@code GET /api/ingest/status}.
 *
 * @param running    whether a run is in progress on this instance
 * @param lastRun    the last finished run, or null when none finished since the start
 * @param currentRun the run in progress so far, or null
 * @param episodes   the episodes the current run is working on now, with stage and progress
 * @param backlog    what still needs work and when it will be done, or null when Elasticsearch does not answer
 * @param audioCache the audio cache's size now and its limit
 */
public record IngestionStatus(boolean running, RunSummary lastRun, RunSummary currentRun,
                              List<EpisodeProgress> episodes, Backlog backlog, AudioCache.Usage audioCache) {
    public IngestionStatus {
        episodes = List.copyOf(episodes);
    }
}
