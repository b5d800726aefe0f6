package dev.podgrep.ingest.episode;

import java.time.Instant;
import java.util.List;

/**
 * One episode of a feed, as read from the feed.
 *
 * @param id              stable, URL-safe id derived from the feed name and the guid (no guid: the enclosure URL)
 * @param feed            the feed's configured name
 * @param language        the feed's configured language
 * @param guid            the item's guid (or the enclosure URL when the item has none)
 * @param title           title, plain text
 * @param publishedAt     publication time, or null when the feed gives none that parses
 * @param description     description as plain text (HTML stripped)
 * @param episodeUrl      the episode's web page, or null
 * @param enclosure       the audio, or null when the item has none
 * @param durationSeconds itunes:duration in seconds, or null
 * @param transcripts     publisher transcripts announced for the episode
 */
public record Episode(String id, String feed, String language, String guid, String title, Instant publishedAt,
                      String description, String episodeUrl, Enclosure enclosure, Double durationSeconds,
                      List<TranscriptLink> transcripts) {
    public Episode {
        transcripts = transcripts == null ? List.of() : List.copyOf(transcripts);
    }

    public String audioUrl() {
        return enclosure == null ? null : enclosure.url();
    }
}
