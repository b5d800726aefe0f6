package dev.podgrep.app.ingestion;

import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.feed.FeedParseException;
import dev.podgrep.ingest.feed.FeedReader;
import dev.podgrep.ingest.feed.ParsedFeed;
import dev.podgrep.ingest.fetch.FeedFetchResult;
import dev.podgrep.ingest.fetch.FeedFetcher;
import dev.podgrep.ingest.fetch.FeedValidators;
import dev.podgrep.ingest.fetch.FetchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * The first step of a run for one feed: a conditional fetch (304: nothing new), reading the document (relative URLs
 * resolved against where it really came from), and recording what it lists ({@link EpisodeStore#recordListing}) and
 * how the fetch went ({@link FeedRegistry}). A feed that declares it moved ({@code <itunes:new-feed-url>}, a
 * {@code <redirect><newLocation>} document) is fetched from its new URL from then on; its episodes are kept (a
 * redirect-only document lists none and removes none). Failures are recorded on the feed and returned, never thrown:
 * one bad feed never stops the others.
 */
@Component
class FeedIntake {

    private static final Logger log = LoggerFactory.getLogger(FeedIntake.class);
    private static final int PROBLEMS_LOGGED = 20;

    private final FeedRegistry feeds;
    private final FeedFetcher fetcher;
    private final FeedReader reader;
    private final EpisodeStore store;
    private final IngestionMetrics metrics;

    FeedIntake(FeedRegistry feeds, FeedFetcher fetcher, FeedReader reader, EpisodeStore store,
               IngestionMetrics metrics) {
        this.feeds = feeds;
        this.fetcher = fetcher;
        this.reader = reader;
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Fetches, reads and records one feed.
     *
     * @param deadline when the feed's time budget for this run runs out
     */
    FeedOutcome read(Feed feed, Instant deadline) {
        FeedOutcome outcome = readAndRecord(feed, deadline);
        metrics.feedFetched(feed.name(), switch (outcome.outcome()) {
            case "not-modified" -> "not_modified";
            case "failed" -> "failed";
            default -> "fetched";
        });
        return outcome;
    }

    private FeedOutcome readAndRecord(Feed feed, Instant deadline) {
        FeedValidators validators;
        try {
            validators = feeds.validators(feed);
        } catch (RuntimeException e) {
            validators = FeedValidators.NONE;
        }
        try {
            FeedFetchResult result = fetcher.fetch(feed, validators, deadline);
            if (result instanceof FeedFetchResult.NotModified notModified) {
                feeds.recordNotModified(feed, notModified.validators());
                log.info("Feed '{}': not modified since the last fetch (304)", feed.name());
                return new FeedOutcome(feed.name(), "not-modified", 0, null);
            }
            FeedFetchResult.Fetched fetched = (FeedFetchResult.Fetched) result;
            ParsedFeed parsed = reader.read(feed, fetched.body(), fetched.finalUrl());
            parsed.problems().stream().limit(PROBLEMS_LOGGED).forEach(p -> log.info("Feed '{}': {}", feed.name(), p));
            if (parsed.problems().size() > PROBLEMS_LOGGED) {
                log.info("Feed '{}': {} more problems (see GET /api/feeds)", feed.name(),
                        parsed.problems().size() - PROBLEMS_LOGGED);
            }
            Optional<String> movedTo = parsed.movedTo().filter(url -> !url.equals(feed.url()));
            if (movedTo.isPresent() && parsed.episodes().isEmpty()) {
                // a document that only says where the feed went: its episodes are not gone, only moved
                feeds.recordMove(feed, movedTo.get());
                return new FeedOutcome(feed.name(), "moved", 0, null);
            }
            EpisodeStore.ListingChanges changes = store.recordListing(feed.name(), parsed.episodes());
            feeds.recordRead(feed, fetched.validators(), parsed.title(), parsed.episodes().size(), parsed.problems());
            log.info("Feed '{}': {} episodes, {} new, {} no longer listed", feed.name(), parsed.episodes().size(),
                    changes.created(), changes.removed());
            if (movedTo.isPresent()) {
                feeds.recordMove(feed, movedTo.get());
            }
            return new FeedOutcome(feed.name(), "fetched", parsed.episodes().size(), null);
        } catch (FetchException e) {
            return failed(feed, e.reason());
        } catch (FeedParseException e) {
            return failed(feed, e.reason());
        } catch (java.io.UncheckedIOException e) {
            metrics.elasticsearchError("record feed");
            log.warn("Feed '{}': {}", feed.name(), e.getMessage());
            return failed(feed, "podgrep's search index did not answer while recording the feed; it is read again"
                    + " on the next run");
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || causedByInterruption(e)) {
                // the service is stopping: the feed did nothing wrong, and is read again on the next run
                log.info("Feed '{}': reading stopped, the service is stopping", feed.name());
                return new FeedOutcome(feed.name(), "failed", 0, "the run was stopped before the feed was recorded");
            }
            log.warn("Feed '{}': unexpected failure", feed.name(), e);
            return failed(feed, "podgrep could not process the feed; the server log has the details");
        }
    }

    private static boolean causedByInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private FeedOutcome failed(Feed feed, String reason) {
        log.warn("Feed '{}' ({}): FAILED: {}", feed.name(), feed.url(), reason);
        try {
            feeds.recordFailure(feed, reason);
        } catch (RuntimeException e) {
            log.error("Feed '{}': the failure could not be recorded: {}", feed.name(), e.getMessage());
        }
        return new FeedOutcome(feed.name(), "failed", 0, reason);
    }
}
