package dev.podgrep.ingest.fetch;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import dev.podgrep.ingest.feed.Feed;

/**
 * Fetches feed documents with conditional GET, and the small documents feeds link to (publisher transcripts) with
 * a plain GET. Retries and redirects are those of the {@link IngestHttpClient}.
 *
 * <p>Feeds: the caller keeps the {@link FeedValidators} of the last fetch per feed and passes them in; an unchanged
 * feed then costs a {@code 304} and comes back as {@link FeedFetchResult.NotModified}. Store the new validators only
 * once the fetched document has been read successfully: a document that failed to parse should be fetched (and read
 * by a possibly fixed reader) again next time, not answered with a 304.
 *
 * <p>Other documents ({@link #fetchDocument}): no validators are sent, so there is no {@code 304}; the caller gives
 * the size cap (a transcript needs a few MiB, not a feed's 64 MiB).
 */
public final class FeedFetcher {

    /** Largest feed document accepted: 64 MiB (large feeds with years of episodes are a few MiB). */
    public static final long DEFAULT_MAX_FEED_BYTES = 64L * 1024 * 1024;

    /**
     * A size cap for publisher transcripts fetched with {@link #fetchDocument}: 4 MiB (an SRT of a three-hour
     * episode is about 300 KB, a Podcasting 2.0 JSON transcript with word timings about 2 MB).
     */
    public static final long DEFAULT_MAX_TRANSCRIPT_BYTES = 4L * 1024 * 1024;

    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            + "text/xml;q=0.9, */*;q=0.5";
    private static final String ACCEPT_ANY = "*/*";

    private final IngestHttpClient http;
    private final long maxFeedBytes;

    /**
     * @param http the shared client
     */
    public FeedFetcher(IngestHttpClient http) {
        this(http, DEFAULT_MAX_FEED_BYTES);
    }

    /**
     * @param http         the shared client
     * @param maxFeedBytes largest document accepted; a larger one fails the fetch
     */
    public FeedFetcher(IngestHttpClient http, long maxFeedBytes) {
        this.http = Objects.requireNonNull(http, "http");
        if (maxFeedBytes < 1) {
            throw new IllegalArgumentException("maxFeedBytes must be positive, was " + maxFeedBytes);
        }
        this.maxFeedBytes = maxFeedBytes;
    }

    /**
     * Fetches a feed, conditionally when validators are given.
     *
     * @param feed       the feed to fetch
     * @param validators those of the last successful fetch of this feed, or {@link FeedValidators#NONE}
     * @return {@link FeedFetchResult.NotModified} on 304, {@link FeedFetchResult.Fetched} with the document and the
     *         validators to store otherwise
     * @throws FetchException with a readable reason (status and URL, or the network error) when the feed could not
     *                        be fetched after the configured attempts
     */
    public FeedFetchResult fetch(Feed feed, FeedValidators validators) throws FetchException {
        return fetch(feed, validators, null);
    }

    /**
     * Fetches a feed, conditionally when validators are given, within a time budget: no attempt runs past the
     * deadline and no retry starts after it (a tarpit server that trickles bytes cannot hold a run).
     *
     * @param feed       the feed to fetch
     * @param validators those of the last successful fetch of this feed, or {@link FeedValidators#NONE}
     * @param deadline   when to give up, or null for none
     * @return {@link FeedFetchResult.NotModified} on 304, {@link FeedFetchResult.Fetched} otherwise
     * @throws FetchException as {@link #fetch(Feed, FeedValidators)}; past the deadline a retryable one reading
     *                        {@code gave up: the time budget for this feed ran out: <url>}
     */
    public FeedFetchResult fetch(Feed feed, FeedValidators validators, Instant deadline) throws FetchException {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(validators, "validators");
        String url = feed.url();
        HttpUrl httpUrl = HttpUrl.parse(url);
        if (httpUrl == null) {
            throw FetchException.refused("not an http(s) URL: " + url, url);
        }
        Request.Builder builder = new Request.Builder().url(httpUrl).header("Accept", ACCEPT);
        if (validators.etag() != null) {
            builder.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            builder.header("If-Modified-Since", validators.lastModified());
        }
        Request request = builder.build();
        return http.execute(IngestHttpClient.Purpose.FEED, url, deadline, () -> request,
                response -> toResult(response, validators, url));
    }

    /**
     * Fetches a document with a plain GET (no validators, so never a {@code 304}): a publisher transcript or any
     * other small file a feed links to. Same client, retries and redirects as feeds.
     *
     * @param url      an http(s) URL
     * @param maxBytes the largest body accepted; a larger one (announced or as it arrives) is a final failure
     * @return the body, its {@code Content-Type} and the URL after redirects
     * @throws FetchException with a readable reason when the document could not be fetched after the configured
     *                        attempts, or is larger than {@code maxBytes} (final)
     */
    public FetchedDocument fetchDocument(String url, long maxBytes) throws FetchException {
        return fetchDocument(url, maxBytes, null);
    }

    /**
     * {@link #fetchDocument(String, long)} within a time budget: no attempt runs past the deadline and no retry
     * starts after it.
     *
     * @param url      an http(s) URL
     * @param maxBytes the largest body accepted
     * @param deadline when to give up, or null for none
     * @return the body, its {@code Content-Type} and the URL after redirects
     * @throws FetchException as {@link #fetchDocument(String, long)}; past the deadline a retryable one reading
     *                        {@code gave up: the time budget for this feed ran out: <url>}
     */
    public FetchedDocument fetchDocument(String url, long maxBytes, Instant deadline) throws FetchException {
        Objects.requireNonNull(url, "url");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        HttpUrl httpUrl = HttpUrl.parse(url.strip());
        if (httpUrl == null) {
            throw FetchException.refused("not an http(s) URL: " + url, url);
        }
        Request request = new Request.Builder().url(httpUrl).header("Accept", ACCEPT_ANY).build();
        return http.execute(IngestHttpClient.Purpose.FEED, url, deadline, () -> request, response -> {
            if (!response.isSuccessful()) {
                throw FetchException.forStatus(response.code(), url);
            }
            byte[] body = readBody(response, url, maxBytes, "the document");
            return new FetchedDocument(body, response.header("Content-Type"), response.request().url().toString());
        });
    }

    private FeedFetchResult toResult(Response response, FeedValidators sent, String url) throws FetchException {
        if (response.code() == 304) {
            // a 304 may repeat or update either validator; what it leaves out stays as sent (possibly none)
            String etag = response.header("ETag");
            String lastModified = response.header("Last-Modified");
            return new FeedFetchResult.NotModified(new FeedValidators(etag != null ? etag : sent.etag(),
                    lastModified != null ? lastModified : sent.lastModified()));
        }
        if (!response.isSuccessful()) {
            throw FetchException.forStatus(response.code(), url);
        }
        byte[] body = readBody(response, url, maxFeedBytes, "feed");
        return new FeedFetchResult.Fetched(body,
                new FeedValidators(response.header("ETag"), response.header("Last-Modified")),
                response.header("Content-Type"), response.request().url().toString());
    }

    /** The whole body, refused (finally) once it is announced or found to be larger than {@code maxBytes}. */
    private static byte[] readBody(Response response, String url, long maxBytes, String what) throws FetchException {
        ResponseBody body = response.body();
        long announced = body.contentLength();
        if (announced > maxBytes) {
            throw FetchException.refused(what + " is " + announced + " bytes, more than the maximum of " + maxBytes
                    + ": " + url, url);
        }
        try {
            BufferedSource source = body.source();
            Buffer buffer = new Buffer();
            while (source.read(buffer, 64 * 1024) != -1) {
                if (buffer.size() > maxBytes) {
                    throw FetchException.refused(what + " is more than the maximum of " + maxBytes + " bytes: "
                            + url, url);
                }
            }
            return buffer.readByteArray();
        } catch (IOException e) {
            throw FetchException.network(url, e);
        }
    }
}
