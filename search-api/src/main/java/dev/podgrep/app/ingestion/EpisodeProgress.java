package dev.podgrep.app.ingestion;

/**
 * An episode the current run is working on.
 *
 * @param feed      the feed's name
 * @param episodeId the episode's id
 * @param title     its title
 * @param stage     what is being done
 * @param percent   how much of the audio has been transcribed (0-100) while TRANSCRIBING, else null
 */
public record EpisodeProgress(String feed, String episodeId, String title, IngestionStage stage, Integer percent) {
}
