package dev.podgrep.app.ingestion;

/**
 * What a run did with one feed.
 *
 * @param feed     the feed's name
 * @param outcome  {@code fetched}, {@code not-modified} or {@code failed}
 * @param episodes episodes the feed listed (0 when not fetched)
 * @param error    why the fetch or read failed, or null
 */
public record FeedOutcome(String feed, String outcome, int episodes, String error) {
}
