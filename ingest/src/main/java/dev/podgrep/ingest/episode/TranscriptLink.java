package dev.podgrep.ingest.episode;

/** A Podcasting 2.0 {@code <podcast:transcript url type language rel>} of an episode. */
public record TranscriptLink(String url, String type, String language, String rel) {
}
