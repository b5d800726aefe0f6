/**
 * One class per XML namespace podgrep reads beyond RSS and Atom: {@link dev.podgrep.ingest.feed.namespace.Itunes}
 * ({@code itunes:duration}, {@code itunes:summary}) and {@link dev.podgrep.ingest.feed.namespace.PodcastIndex}
 * ({@code podcast:transcript}). Each reads an item's elements in its namespace, tolerant of URI spelling variants.
 */
package dev.podgrep.ingest.feed.namespace;
