package dev.podgrep.app.feeds;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.fetch.FeedValidators;

import java.util.List;

/**
 * A feed and its fetch state, as stored in the feeds index (alias {@code <prefix>-feeds}, document id = name).
 *
 * @param name            the feed's name (slug), part of every episode id
 * @param url             its RSS/Atom URL
 * @param language        {@code en} or {@code ru}
 * @param origin          {@code configuration} (from {@code podgrep.feeds}) or {@code api} (added with
 *                        {@code POST /api/feeds}; only these are read back as feeds at start)
 * @param addedAt         when it was added ({@code api}) or first fetched ({@code configuration})
 * @param etag            the ETag of the last document that was read successfully, or null
 * @param lastModified    the Last-Modified of that document, or null
 * @param validatorsUrl   the URL the validators belong to (a feed whose URL changed is fetched unconditionally)
 * @param lastFetchedAt   when the last fetch attempt ended, or null
 * @param lastOutcome     {@code fetched}, {@code not-modified} or {@code failed}, or null before the first fetch
 * @param lastSuccessAt   when the feed was last fetched (or found unchanged) without error
 * @param lastError       why the last fetch or read failed, or null when it succeeded
 * @param episodes        episodes in the last document read
 * @param problems        what the reader skipped in the last document read (bad dates, duplicate guids...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedRecord(String name, String url, String language, String origin, String addedAt, String etag,
                         String lastModified, String validatorsUrl, String lastFetchedAt, String lastOutcome,
                         String lastSuccessAt, String lastError, Integer episodes, List<String> problems) {

    /** Feeds configured in {@code podgrep.feeds}. */
    public static final String CONFIGURATION = "configuration";
    /** Feeds added with {@code POST /api/feeds}. */
    public static final String API = "api";

    public FeedRecord {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The feed to fetch. */
    public Feed toFeed() {
        return new Feed(url, name, language);
    }

    /** The validators to send when fetching {@code feedUrl}: none when they were stored for another URL. */
    public FeedValidators validatorsFor(String feedUrl) {
        return feedUrl.equals(validatorsUrl) ? new FeedValidators(etag, lastModified) : FeedValidators.NONE;
    }

    static FeedRecord of(Feed feed, String origin, String addedAt) {
        return new FeedRecord(feed.name(), feed.url(), feed.language(), origin, addedAt, null, null, null, null,
                null, null, null, null, List.of());
    }

    FeedRecord withDefinition(Feed feed) {
        return new FeedRecord(feed.name(), feed.url(), feed.language(), origin, addedAt, etag, lastModified,
                validatorsUrl, lastFetchedAt, lastOutcome, lastSuccessAt, lastError, episodes, problems);
    }

    FeedRecord fetched(FeedValidators validators, String url, String at, int episodeCount, List<String> readProblems) {
        return new FeedRecord(name, this.url, language, origin, addedAt, validators.etag(), validators.lastModified(),
                url, at, "fetched", at, null, episodeCount, readProblems);
    }

    FeedRecord notModified(FeedValidators validators, String at) {
        return new FeedRecord(name, url, language, origin, addedAt, validators.etag(), validators.lastModified(),
                validatorsUrl, at, "not-modified", at, null, episodes, problems);
    }

    FeedRecord failed(String error, String at) {
        return new FeedRecord(name, url, language, origin, addedAt, etag, lastModified, validatorsUrl, at, "failed",
                lastSuccessAt, error, episodes, problems);
    }
}
