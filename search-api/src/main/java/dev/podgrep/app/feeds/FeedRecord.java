package dev.podgrep.app.feeds;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.fetch.FeedValidators;

import java.time.Instant;
import java.util.List;

/**
 * A feed and its fetch state, as stored in the feeds index (alias {@code <prefix>-feeds}, document id = name) and
 * shown by {@code GET /api/feeds}.
 *
 * @param name          the feed's name (slug), part of every episode id
 * @param url           the URL podgrep fetches: the configured or added one, or the one the feed declared it moved to
 * @param language      {@code en} or {@code ru}
 * @param origin        {@code configuration} (from {@code podgrep.feeds}) or {@code api} (added with
 *                      {@code POST /api/feeds}; only these are read back as feeds at start)
 * @param addedAt       when it was added ({@code api}) or first fetched ({@code configuration})
 * @param title         the feed's own title, from the last document read, or null
 * @param etag          the ETag of the last document that was read successfully, or null
 * @param lastModified  the Last-Modified of that document, or null
 * @param validatorsUrl the URL the validators belong to (a feed whose URL changed is fetched unconditionally)
 * @param lastFetchedAt when the last fetch attempt ended, or null
 * @param lastOutcome   {@code fetched}, {@code not-modified}, {@code moved} or {@code failed}, or null before the first
 * @param lastSuccessAt when the feed was last fetched (or found unchanged) without error
 * @param lastError     why the last fetch or read failed, or null when it succeeded
 * @param episodes      episodes in the last document read
 * @param problems      what the reader skipped or repaired in the last document read (bad dates, duplicate guids...)
 * @param movedFrom     the URL the feed was fetched from before it declared a move, or null
 * @param movedAt       when podgrep followed that move, or null
 * @param stoppedAt     when an operator stopped ingesting it ({@code DELETE /api/feeds/{name}}), or null; a stopped
 *                      feed is not fetched (its episodes stay searchable) until it is added again
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedRecord(String name, String url, String language, String origin, Instant addedAt, String title,
                         String etag, String lastModified, String validatorsUrl, Instant lastFetchedAt,
                         String lastOutcome, Instant lastSuccessAt, String lastError, Integer episodes,
                         List<String> problems, String movedFrom, Instant movedAt, Instant stoppedAt) {

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

    static FeedRecord of(Feed feed, String origin, Instant addedAt) {
        return new FeedRecord(feed.name(), feed.url(), feed.language(), origin, addedAt, null, null, null, null, null,
                null, null, null, null, List.of(), null, null, null);
    }

    /**
     * This state for the feed as configured now: its URL, unless the feed declared a move away from exactly that
     * URL (then the new one is kept until the configuration names another).
     */
    FeedRecord withDefinition(Feed feed) {
        String fetchFrom = movedFrom != null && movedFrom.equals(feed.url()) ? url : feed.url();
        String from = fetchFrom.equals(url) ? movedFrom : null;
        return new FeedRecord(feed.name(), fetchFrom, feed.language(), origin, addedAt, title, etag, lastModified,
                validatorsUrl, lastFetchedAt, lastOutcome, lastSuccessAt, lastError, episodes, problems, from,
                from == null ? null : movedAt, stoppedAt);
    }

    FeedRecord fetched(FeedValidators validators, String fromUrl, String feedTitle, Instant at, int episodeCount,
                       List<String> readProblems) {
        return new FeedRecord(name, url, language, origin, addedAt, feedTitle == null ? title : feedTitle,
                validators.etag(), validators.lastModified(), fromUrl, at, "fetched", at, null, episodeCount,
                readProblems, movedFrom, movedAt, stoppedAt);
    }

    FeedRecord notModified(FeedValidators validators, Instant at) {
        return new FeedRecord(name, url, language, origin, addedAt, title, validators.etag(),
                validators.lastModified(), validatorsUrl, at, "not-modified", at, null, episodes, problems, movedFrom,
                movedAt, stoppedAt);
    }

    FeedRecord failed(String error, Instant at) {
        return new FeedRecord(name, url, language, origin, addedAt, title, etag, lastModified, validatorsUrl, at,
                "failed", lastSuccessAt, error, episodes, problems, movedFrom, movedAt, stoppedAt);
    }

    /** The feed declared that it moved to {@code newUrl}: fetched from there from now on, unconditionally. */
    FeedRecord moved(String newUrl, Instant at) {
        return new FeedRecord(name, newUrl, language, origin, addedAt, title, null, null, null, at, "moved", at, null,
                episodes, problems, url, at, stoppedAt);
    }

    /** Stopped by an operator at {@code at} (or resumed, with null). */
    FeedRecord stopped(Instant at) {
        return new FeedRecord(name, url, language, origin, addedAt, title, etag, lastModified, validatorsUrl,
                lastFetchedAt, lastOutcome, lastSuccessAt, lastError, episodes, problems, movedFrom, movedAt, at);
    }

    /** Whether an operator stopped ingesting this feed. */
    @JsonIgnore
    public boolean isStopped() {
        return stoppedAt != null;
    }
}
