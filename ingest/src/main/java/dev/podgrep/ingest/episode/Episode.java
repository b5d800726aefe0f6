package dev.podgrep.ingest.episode;

import java.time.Instant;
import java.util.List;

/**
 * One episode of a feed, as read from the feed.
 *
 * @param id              stable, URL-safe id derived from the feed name and the guid (no guid: the enclosure URL),
 *                        see {@link EpisodeId}
 * @param feed            the feed's configured name
 * @param language        the feed's configured language
 * @param guid            the item's guid (or the enclosure URL when the item has none)
 * @param title           title, plain text, or null when the item has none
 * @param publishedAt     publication time, or null when the feed gives none that parses
 * @param description     description as plain text (HTML stripped), or null
 * @param episodeUrl      the episode's web page, or null
 * @param enclosure       the audio, or null when the item has none
 * @param durationSeconds itunes:duration in seconds, or null
 * @param transcripts     publisher transcripts announced for the episode (never null)
 */
public record Episode(String id, String feed, String language, String guid, String title, Instant publishedAt,
                      String description, String episodeUrl, Enclosure enclosure, Double durationSeconds,
                      List<TranscriptLink> transcripts) {
    public Episode {
        transcripts = transcripts == null ? List.of() : List.copyOf(transcripts);
    }

    /** @return the enclosure URL, or null when the episode has no enclosure */
    public String audioUrl() {
        return enclosure == null ? null : enclosure.url();
    }
}
