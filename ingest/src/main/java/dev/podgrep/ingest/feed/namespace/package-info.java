/**
 * One class per XML namespace podgrep reads beyond RSS and Atom: {@link dev.podgrep.ingest.feed.namespace.Itunes}
 * ({@code itunes:duration}, {@code itunes:summary}, {@code itunes:new-feed-url}),
 * {@link dev.podgrep.ingest.feed.namespace.PodcastIndex} ({@code podcast:transcript}) and
 * {@link dev.podgrep.ingest.feed.namespace.MediaRss} ({@code media:content}). Each reads an item's (or channel's)
 * elements in its namespace, tolerant of URI spelling variants; URLs go through the caller's
 * {@link dev.podgrep.ingest.feed.namespace.ElementUrls}.
 */
package dev.podgrep.ingest.feed.namespace;
