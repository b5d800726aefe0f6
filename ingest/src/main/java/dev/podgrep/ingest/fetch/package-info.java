/**
 * Fetching over HTTP with one {@link dev.podgrep.ingest.fetch.IngestHttpClient} (OkHttp, timeouts, redirects,
 * bounded retries with backoff): {@link dev.podgrep.ingest.fetch.FeedFetcher} for feed documents with conditional
 * GET ({@link dev.podgrep.ingest.fetch.FeedValidators}), {@link dev.podgrep.ingest.fetch.AudioDownloader} for
 * resumable, size-capped, content-checked audio downloads. Failures are
 * {@link dev.podgrep.ingest.fetch.FetchException}s with a readable reason and whether to retry later.
 */
package dev.podgrep.ingest.fetch;
