package dev.podgrep.ingest.episode;

/**
 * The audio file of an episode, as the feed announces it ({@code <enclosure url type length>}).
 *
 * @param url    the audio URL as the feed gives it (surrounding whitespace removed)
 * @param type   the announced MIME type, or null; informative only, the downloader checks the real content
 * @param length the announced size in bytes, 0 when the feed gives none; often wrong, never enforced
 */
public record Enclosure(String url, String type, long length) {
}
