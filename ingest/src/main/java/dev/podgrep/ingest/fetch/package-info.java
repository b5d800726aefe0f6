/**
 * Fetching over HTTP with one {@link dev.podgrep.ingest.fetch.IngestHttpClient} (OkHttp, timeouts, redirects,
 * bounded retries with backoff, an optional deadline per fetch): {@link dev.podgrep.ingest.fetch.FeedFetcher} for
 * feed documents with conditional GET ({@link dev.podgrep.ingest.fetch.FeedValidators}) and for small documents such
 * as publisher transcripts ({@link dev.podgrep.ingest.fetch.FetchedDocument}),
 * {@link dev.podgrep.ingest.fetch.AudioDownloader} for resumable, size-capped, content-checked audio downloads.
 * {@link dev.podgrep.ingest.fetch.NetworkGuard} keeps every connection on public addresses and refuses https to http
 * redirects; other modules install it on their own OkHttp clients. Failures are
 * {@link dev.podgrep.ingest.fetch.FetchException}s with a readable reason that never repeats what the other end sent,
 * and whether to retry later.
 */
package dev.podgrep.ingest.fetch;
