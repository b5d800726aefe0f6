package dev.podgrep.ingest.episode;

/** The audio file of an episode, as the feed announces it ({@code <enclosure url type length>}). */
public record Enclosure(String url, String type, long length) {
}
