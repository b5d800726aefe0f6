package dev.podgrep.app.ingestion;

import java.util.List;

/**
 * The answer of {@code GET /api/ingest/status}.
 *
 * @param running    whether a run is in progress on this instance
 * @param lastRun    the last finished run, or null when none finished since the start
 * @param currentRun the run in progress so far, or null
 * @param episodes   the episodes the current run is working on now, with stage and progress
 */
public record IngestionStatus(boolean running, RunSummary lastRun, RunSummary currentRun,
                              List<EpisodeProgress> episodes) {
    public IngestionStatus {
        episodes = List.copyOf(episodes);
    }
}
