package dev.podgrep.ingest.fetch;

import java.util.Objects;

/**
 * A document fetched with {@link FeedFetcher#fetchDocument}: a publisher transcript or any other small file a feed
 * links to, exactly as served.
 *
 * @param body        the bytes as served (never more than the size cap the caller gave)
 * @param contentType the {@code Content-Type} header, or null when the server sent none
 * @param finalUrl    the URL the document came from after redirects
 */
public record FetchedDocument(byte[] body, String contentType, String finalUrl) {
    public FetchedDocument {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(finalUrl, "finalUrl");
    }
}
