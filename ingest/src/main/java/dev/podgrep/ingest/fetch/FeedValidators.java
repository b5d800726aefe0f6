package dev.podgrep.ingest.fetch;

/**
 * What a server said identifies the version of a feed it served, sent back on the next fetch so an unchanged feed
 * costs a {@code 304 Not Modified} instead of a download. The caller stores both strings per feed exactly as
 * received (they are opaque) and passes them to the next {@link FeedFetcher#fetch}.
 *
 * @param etag         the {@code ETag} header, or null
 * @param lastModified the {@code Last-Modified} header, or null
 */
public record FeedValidators(String etag, String lastModified) {

    /** No validators: the first fetch of a feed, or a server that sends none. */
    public static final FeedValidators NONE = new FeedValidators(null, null);

    public FeedValidators {
        etag = blankToNull(etag);
        lastModified = blankToNull(lastModified);
    }

    /** @return true when there is nothing to send */
    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
