package dev.podgrep.app.episodes;

import java.time.Instant;

/**
 * An episode as the HTTP API shows it (contract.md): the public part of an {@link EpisodeRecord}.
 *
 * @param id               stable, URL-safe; the same as a search hit's {@code episodeId}
 * @param status           where its ingestion stands
 * @param error            why the last attempt failed, or null
 * @param attempts         failed attempts so far
 * @param transcriptSource {@code asr} or {@code publisher} once indexed, else null
 * @param model            the speech model that made the indexed ASR transcript, else null
 */
public record EpisodeView(String id, String guid, String title, String feed, String language, Instant publishedAt,
                          String audioUrl, String episodeUrl, Double durationSeconds, EpisodeStatus status,
                          String error, int attempts, String transcriptSource, String model) {

    static EpisodeView of(EpisodeRecord r) {
        FeedListing l = r.listing();
        IngestionState s = r.state();
        return new EpisodeView(r.id(), l.guid(), l.title(), l.feed(), l.language(), l.publishedAt(), l.audioUrl(),
                l.episodeUrl(), l.durationSeconds(), s.status(), s.error(), s.attempts(),
                s.transcriptSource() == null ? null : s.transcriptSource().wireName(),
                s.transcript() == null ? null : s.transcript().model());
    }
}
