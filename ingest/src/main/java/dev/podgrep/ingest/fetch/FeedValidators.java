package dev.podgrep.ingest.fetch;

/**
 * What a server said identifies the version of a feed it served, sent back on the next fetch so an unchanged feed
 * costs a {@code 304 Not Modified} instead of a download. The caller stores both strings per feed exactly as
 * received (they are opaque) and passes them to the next {@link FeedFetcher#fetch}.
 *
 * <p>A value that cannot be sent back in a request header (anything but visible ASCII, spaces and tabs: OkHttp
 * refuses {@code "ä"} or a line break in a request) is dropped here, whether it comes from a response or from storage
 * (stored by an older podgrep), so such a server costs a full download instead of breaking the feed for good.
 *
 * @param etag         the {@code ETag} header, or null
 * @param lastModified the {@code Last-Modified} header, or null
 */
public record FeedValidators(String etag, String lastModified) {

    /** No validators: the first fetch of a feed, or a server that sends none. */
    public static final FeedValidators NONE = new FeedValidators(null, null);

    public FeedValidators {
        etag = sendable(etag);
        lastModified = sendable(lastModified);
    }

    /** @return true when there is nothing to send */
    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }

    /** The value trimmed, or null when blank or not sendable in a request header. */
    static String sendable(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 || c > 0x7E) && c != '\t') {
                return null;
            }
        }
        return v;
    }
}
