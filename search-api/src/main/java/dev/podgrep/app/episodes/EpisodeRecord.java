package dev.podgrep.app.episodes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.ingest.episode.Episode;

import java.time.Instant;
import java.util.Objects;

/**
 * An episode as stored in the episodes index (alias {@code <prefix>-episodes}, document id = {@link #id}): what its
 * feed says ({@link FeedListing}), where its ingestion stands ({@link IngestionState}) and who works on it now
 * ({@link Claim}, null when nobody does). Each part changes for its own reasons: the listing on every read of the
 * feed, the state as the ingestion advances, the claim when an instance takes or releases the episode.
 *
 * @param id      stable URL-safe id ({@link dev.podgrep.ingest.episode.EpisodeId}); the same as a hit's
 *                {@code episodeId}
 * @param listing what the feed says
 * @param state   where the ingestion stands
 * @param claim   who works on it, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EpisodeRecord(String id, FeedListing listing, IngestionState state, Claim claim) {

    public EpisodeRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(state, "state");
    }

    /**
     * A record for an episode first seen in its feed at {@code now}: NEW, or SKIPPED when it was published before
     * {@code since} (null: no limit).
     */
    static EpisodeRecord fromFeed(Episode episode, Instant now, Instant since) {
        IngestionState state = IngestionState.fresh(now);
        return new EpisodeRecord(episode.id(), FeedListing.of(episode, now, now),
                before(episode, since) ? state.skipped() : state, null);
    }

    private static boolean before(Episode episode, Instant since) {
        return since != null && episode.publishedAt() != null && episode.publishedAt().isBefore(since);
    }

    /**
     * This record with the listing as the feed gives it now. The state and claim are kept; only when the enclosure
     * changed (or appeared) while the episode was FAILED does it start afresh as NEW with no attempts: the new URL
     * deserves its own chances. A NEW episode published before {@code since} becomes SKIPPED, a SKIPPED one NEW
     * again once {@code since} no longer excludes it.
     */
    EpisodeRecord relisted(Episode episode, Instant now, Instant since) {
        FeedListing fresh = FeedListing.of(episode, listing.firstSeenAt() == null ? now : listing.firstSeenAt(), now);
        boolean newEnclosure = episode.audioUrl() != null && !episode.audioUrl().equals(listing.audioUrl());
        IngestionState next = state.status() == EpisodeStatus.FAILED && newEnclosure ? state.restarted() : state;
        if (next.status() == EpisodeStatus.NEW && before(episode, since)) {
            next = next.skipped();
        } else if (next.status() == EpisodeStatus.SKIPPED && !before(episode, since)) {
            next = next.restarted();
        }
        return new EpisodeRecord(id, fresh, next.at(now), claim);
    }

    /** Whether the feed's relisting at {@code now} restarted this FAILED episode (see {@link #relisted}). */
    boolean restartedBy(EpisodeRecord relisted) {
        return state.status() == EpisodeStatus.FAILED && relisted.state().status() == EpisodeStatus.NEW;
    }

    EpisodeRecord with(IngestionState newState) {
        return new EpisodeRecord(id, listing, newState, claim);
    }

    EpisodeRecord with(Claim newClaim) {
        return new EpisodeRecord(id, listing, state, newClaim);
    }

    EpisodeRecord with(FeedListing newListing) {
        return new EpisodeRecord(id, newListing, state, claim);
    }

    /** Whether someone holds an unexpired claim on the episode at {@code now}. */
    public boolean claimActiveAt(Instant now) {
        return claim != null && claim.activeAt(now);
    }

    /**
     * Whether the ingestion should (re)process this episode at {@code now}: nobody holds an unexpired claim on it,
     * and it is NEW, DOWNLOADED or TRANSCRIBED (a run stopped midway), or FAILED with a retryable error and fewer
     * than {@code maxAttempts} attempts, or its claim lapsed (its holder died: the episode is taken over, or given up
     * when that was its last attempt, see {@link EpisodeStore#claim}).
     */
    public boolean needsWorkAt(Instant now, int maxAttempts) {
        if (claimActiveAt(now)) {
            return false;
        }
        return claim != null || state.needsWork(maxAttempts);   // a lapsed claim: take it over or give it up
    }

    /** The episode as the ingest library knows it (indexer, downloader). */
    public Episode toEpisode() {
        return listing.toEpisode(id);
    }

    /** @return the feed's name */
    @JsonIgnore
    public String feed() {
        return listing.feed();
    }

    /** @return the feed's language */
    @JsonIgnore
    public String language() {
        return listing.language();
    }

    /** @return the title, or null */
    @JsonIgnore
    public String title() {
        return listing.title();
    }

    /** @return where the ingestion stands */
    @JsonIgnore
    public EpisodeStatus status() {
        return state.status();
    }
}
