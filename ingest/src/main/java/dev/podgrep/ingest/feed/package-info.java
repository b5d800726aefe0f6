/**
 * Reading feed documents: {@link dev.podgrep.ingest.feed.FeedReader} turns the bytes of an RSS or Atom feed into
 * {@link dev.podgrep.ingest.episode.Episode}s ({@link dev.podgrep.ingest.feed.ParsedFeed}), with
 * {@link dev.podgrep.ingest.feed.HtmlText} for show notes and {@link dev.podgrep.ingest.feed.PublishedDateParser}
 * for the dates Rome cannot read. Namespace extras live in {@code namespace/}, one class per namespace.
 */
package dev.podgrep.ingest.feed;
