package dev.podgrep.ingest.episode;

/**
 * A Podcasting 2.0 {@code <podcast:transcript url type language rel>} of an episode.
 *
 * @param url      where the transcript is
 * @param type     its MIME type as announced ({@code application/srt}, {@code text/vtt}, {@code application/json},
 *                 {@code text/html}...), or null
 * @param language its language ({@code en}, {@code ru}), or null when the feed does not say
 * @param rel      {@code captions} for timed captions, or null
 */
public record TranscriptLink(String url, String type, String language, String rel) {
}
