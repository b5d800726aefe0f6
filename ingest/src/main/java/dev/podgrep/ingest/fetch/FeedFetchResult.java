package dev.podgrep.ingest.fetch;

import java.util.Objects;

/** The outcome of a successful {@link FeedFetcher#fetch}: either the feed has not changed, or here it is. */
public sealed interface FeedFetchResult {

    /** @return the validators to store for the feed's next fetch */
    FeedValidators validators();

    /**
     * The server answered {@code 304 Not Modified}: nothing to read.
     *
     * @param validators the validators sent, updated with any the 304 carried
     */
    record NotModified(FeedValidators validators) implements FeedFetchResult {
        public NotModified {
            Objects.requireNonNull(validators, "validators");
        }
    }

    /**
     * The server sent the feed.
     *
     * @param body        the document exactly as served (for {@link dev.podgrep.ingest.feed.FeedReader#read})
     * @param validators  the validators of this version ({@link FeedValidators#NONE} when the server sent none)
     * @param contentType the {@code Content-Type} header, or null
     * @param finalUrl    the URL the document came from after redirects
     */
    record Fetched(byte[] body, FeedValidators validators, String contentType, String finalUrl)
            implements FeedFetchResult {
        public Fetched {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(validators, "validators");
        }
    }
}
