package dev.podgrep.app.episodes;

/**
 * An episode as the HTTP API shows it (contract.md): the public part of an {@link EpisodeRecord}.
 *
 * @param id               stable, URL-safe; the same as a search hit's {@code episodeId}
 * @param status           where its ingestion stands
 * @param error            why the last attempt failed, or null
 * @param attempts         failed attempts so far
 * @param transcriptSource {@code asr} or {@code publisher} once indexed, else null
 */
public record EpisodeView(String id, String guid, String title, String feed, String language, String publishedAt,
                          String audioUrl, String episodeUrl, Double durationSeconds, EpisodeStatus status,
                          String error, int attempts, String transcriptSource) {

    static EpisodeView of(EpisodeRecord r) {
        return new EpisodeView(r.id(), r.guid(), r.title(), r.feed(), r.language(), r.publishedAt(), r.audioUrl(),
                r.episodeUrl(), r.durationSeconds(), r.status(), r.error(), r.attempts(), r.transcriptSource());
    }
}
