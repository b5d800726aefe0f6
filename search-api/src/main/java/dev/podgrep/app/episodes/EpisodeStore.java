package dev.podgrep.app.episodes;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.elasticsearch.IndexBootstrap;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.ingest.episode.Episode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Episodes and their ingestion state in Elasticsearch (alias {@link IndexNames#episodes()}, index {@code -v1} with
 * the strict mapping {@code elasticsearch/episodes-v1.json}).
 *
 * <p>Several podgrep instances may ingest into the same indices. Each episode is worked on by one instance at a
 * time: it first {@linkplain #claim claims} the episode with a conditional write ({@code if_seq_no} /
 * {@code if_primary_term}) — of two instances claiming at once exactly one succeeds, the other gets a 409 and skips
 * the episode. A claim expires after {@code podgrep.ingest.claim-timeout}, so an instance that died mid-episode
 * does not block it for ever; every state change renews it. Every state change of a claimed episode is a
 * conditional write too, so an instance whose claim lapsed and was taken over cannot overwrite the new holder's
 * work ({@link ClaimLostException}).
 *
 * <p>Nothing here uses {@code _update_by_query} or scripts (the local node lacks them): changes are get + index.
 */
@Component
public class EpisodeStore {

    static final int MAPPING_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(EpisodeStore.class);
    /** Largest number of episodes of one feed looked at for work in one run (feeds hold hundreds). */
    private static final int MAX_FEED_EPISODES = 10_000;
    private static final int WRITE_RETRIES = 10;

    private final ElasticsearchClient client;
    private final String alias;
    private final Duration claimTimeout;
    private final int maxAttempts;
    private final Clock clock;

    /** The store of the application, configured from {@code podgrep.ingest.*}. */
    @Autowired
    public EpisodeStore(ElasticsearchClient client, IndexNames names, PodgrepProperties properties) {
        this(client, names, properties.ingest().claimTimeout(), properties.ingest().maxAttempts(),
                Clock.systemUTC());
    }

    /**
     * @param claimTimeout how long a claim lasts without renewal
     * @param maxAttempts  failed attempts after which a retryable failure is no longer retried
     * @param clock        the time claims are measured with
     */
    public EpisodeStore(ElasticsearchClient client, IndexNames names, Duration claimTimeout, int maxAttempts,
                        Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = names.episodes();
        this.claimTimeout = Objects.requireNonNull(claimTimeout, "claimTimeout");
        this.maxAttempts = maxAttempts;
        this.clock = Objects.requireNonNull(clock, "clock");
        IndexBootstrap.ensure(client, alias, MAPPING_VERSION, "/elasticsearch/episodes-v1.json");
    }

    /** @return failed attempts after which a retryable failure is no longer retried */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The episode with this id, if podgrep has seen it (a real-time read: includes writes not yet refreshed). */
    public Optional<EpisodeRecord> find(String id) {
        return get(id).map(Versioned::record);
    }

    /**
     * A page of episodes, newest first (by publication date; episodes without one last, then by id).
     *
     * @param feed   only this feed's episodes, or null for all
     * @param status only episodes in this state, or null for all
     * @param page   zero-based page
     * @param size   episodes per page (at least 1)
     * @return the page with the exact total
     */
    public EpisodePage list(String feed, EpisodeStatus status, int page, int size) {
        if (page < 0 || size < 1 || (long) page * size > 10_000) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1 with page * size <= 10000, were "
                    + page + " and " + size);
        }
        BoolQuery.Builder filters = new BoolQuery.Builder();
        if (feed != null) {
            filters.filter(f -> f.term(t -> t.field("feed").value(feed)));
        }
        if (status != null) {
            filters.filter(f -> f.term(t -> t.field("status").value(status.name())));
        }
        try {
            SearchResponse<EpisodeRecord> response = client.search(s -> s.index(alias)
                    .query(q -> q.bool(filters.build())).from(page * size).size(size)
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Desc).missing("_last")))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), EpisodeRecord.class);
            List<EpisodeRecord> items = response.hits().hits().stream().map(Hit::source).toList();
            return new EpisodePage(response.hits().total().value(), page, size, items);
        } catch (IOException e) {
            throw unavailable("list episodes", e);
        }
    }

    /** The outcome of {@link #upsertFromFeed}. */
    public enum Upsert {
        /** First time seen: stored as NEW. */
        CREATED,
        /** Seen before: metadata refreshed, state kept. */
        REFRESHED
    }

    /**
     * Records an episode as the feed gives it now: a new one as NEW; a known one gets its metadata refreshed while
     * its state (status, attempts, claim) is kept — except a FAILED one whose enclosure URL changed, which starts
     * afresh (see {@link EpisodeRecord#refreshedFrom}).
     */
    public Upsert upsertFromFeed(Episode episode) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < WRITE_RETRIES; attempt++) {
            Optional<Versioned> existing = get(episode.id());
            try {
                if (existing.isEmpty()) {
                    EpisodeRecord fresh = EpisodeRecord.fromFeed(episode, now).toBuilder()
                            .updatedAt(now.toString()).build();
                    client.create(c -> c.index(alias).id(fresh.id()).document(fresh));
                    return Upsert.CREATED;
                }
                Versioned current = existing.get();
                EpisodeRecord refreshed = current.record().refreshedFrom(episode, now).toBuilder()
                        .updatedAt(now.toString()).build();
                if (current.record().status() == EpisodeStatus.FAILED && refreshed.status() == EpisodeStatus.NEW) {
                    log.info("Episode {} ('{}'): the feed changed its audio URL to {}; it is NEW again",
                            episode.id(), episode.title(), episode.audioUrl());
                }
                write(refreshed, current.seqNo(), current.primaryTerm());
                return Upsert.REFRESHED;
            } catch (ElasticsearchException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                // another instance wrote it in between: read again and merge again
            } catch (IOException e) {
                throw unavailable("store episode " + episode.id(), e);
            }
        }
        throw new IllegalStateException("episode " + episode.id() + " kept changing under " + WRITE_RETRIES
                + " attempts to store it");
    }

    /**
     * Flags the feed's episodes that it no longer lists ({@code removedFromFeed}); their state and their indexed
     * transcripts stay.
     *
     * @param presentIds the ids the feed lists now
     * @return how many episodes were newly flagged
     */
    public int markRemovedFromFeed(String feed, Collection<String> presentIds) {
        Set<String> present = new HashSet<>(presentIds);
        int flagged = 0;
        for (EpisodeRecord record : allOf(feed, false)) {
            if (!record.removedFromFeed() && !present.contains(record.id())) {
                if (update(record.id(), r -> r.toBuilder().removedFromFeed(true).build())) {
                    log.info("Episode {} ('{}') is no longer in feed '{}'; its transcript stays searchable",
                            record.id(), record.title(), feed);
                    flagged++;
                }
            }
        }
        return flagged;
    }

    /**
     * The feed's episodes the ingestion should work on now, newest first: see
     * {@link EpisodeRecord#needsWorkAt}. Reads what has been refreshed (call {@link #refresh()} after writes).
     */
    public List<EpisodeRecord> needingWork(String feed) {
        Instant now = clock.instant();
        return allOf(feed, true).stream().filter(r -> r.needsWorkAt(now, maxAttempts)).toList();
    }

    /** Makes all writes so far visible to searches ({@link #list}, {@link #needingWork}). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw unavailable("refresh the episodes index", e);
        }
    }

    /**
     * Claims an episode for {@code holder}, if it still needs work and nobody else holds an unexpired claim: a
     * conditional write of {@code claimedBy} and {@code claimExpiresAt} on the version just read.
     *
     * @return the claim, or empty when the episode needs no work (any more), is claimed by someone else, or another
     *         instance claimed it at the same moment (409)
     */
    public Optional<EpisodeClaim> claim(String id, String holder) {
        Optional<Versioned> current = get(id);
        Instant now = clock.instant();
        if (current.isEmpty() || !current.get().record().needsWorkAt(now, maxAttempts)) {
            return Optional.empty();
        }
        EpisodeRecord before = current.get().record();
        if (before.claimedBy() != null) {
            log.info("Episode {}: the claim of {} lapsed at {}; {} takes it over", id, before.claimedBy(),
                    before.claimExpiresAt(), holder);
        }
        EpisodeRecord claimed = before.toBuilder().claimedBy(holder)
                .claimExpiresAt(now.plus(claimTimeout).toString()).updatedAt(now.toString()).build();
        try {
            IndexResponse response = write(claimed, current.get().seqNo(), current.get().primaryTerm());
            return Optional.of(new EpisodeClaim(holder, claimed, response.seqNo(), response.primaryTerm()));
        } catch (ElasticsearchException e) {
            if (isConflict(e)) {
                log.debug("Episode {}: claimed by another instance at the same moment; skipped", id);
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("claim episode " + id, e);
        }
    }

    /** Extends the claim by the claim timeout from now (long transcriptions call this as they progress). */
    public void renew(EpisodeClaim claim) {
        change(claim, b -> b);
    }

    /**
     * Renews the claim only when more than half of its lifetime has passed: long transcriptions keep their claim
     * with one write per half {@code claim-timeout} instead of one per progress step (every write is an fsync'd
     * Elasticsearch request on the transcription's critical path).
     */
    public void renewIfHalfExpired(EpisodeClaim claim) {
        String expires = claim.episode().claimExpiresAt();
        if (expires == null || clock.instant().isAfter(Instant.parse(expires).minus(claimTimeout.dividedBy(2)))) {
            renew(claim);
        }
    }

    /** The audio is in the cache: DOWNLOADED. */
    public void downloaded(EpisodeClaim claim, String audioFile, String fromUrl) {
        change(claim, b -> b.status(EpisodeStatus.DOWNLOADED).audioFile(audioFile).audioFileUrl(fromUrl));
    }

    /** Forgets the cached audio file (it was deleted, e.g. because the enclosure URL changed). */
    public void audioDiscarded(EpisodeClaim claim) {
        change(claim, b -> b.audioFile(null).audioFileUrl(null)
                .status(claim.episode().status() == EpisodeStatus.DOWNLOADED ? EpisodeStatus.NEW
                        : claim.episode().status()));
    }

    /** Vosk transcribed the audio; the transcript is saved in {@code transcriptFile}: TRANSCRIBED. */
    public void transcribed(EpisodeClaim claim, String transcriptFile, String note) {
        change(claim, b -> b.status(EpisodeStatus.TRANSCRIBED).transcriptFile(transcriptFile).transcriptNote(note));
    }

    /**
     * The transcript is searchable: INDEXED, claim released, previous error cleared.
     *
     * @param source   {@code asr} or {@code publisher}
     * @param segments segments in the index
     * @param note     something worth telling about this transcript (shown as {@code error}), or null
     */
    public void indexed(EpisodeClaim claim, String source, int segments, String note) {
        Instant now = clock.instant();
        change(claim, b -> b.status(EpisodeStatus.INDEXED).transcriptSource(source).segments(segments)
                .error(note).errorRetryable(false).transcriptNote(note).indexedAt(now.toString())
                .claimedBy(null).claimExpiresAt(null));
    }

    /**
     * The attempt failed: FAILED with the readable reason, one more attempt counted, claim released. A retryable
     * failure is tried again on later runs (until {@code max-attempts}); a final one waits for the feed to change
     * the enclosure URL.
     */
    public void failed(EpisodeClaim claim, String error, boolean retryable) {
        int attempts = claim.episode().attempts() + 1;
        change(claim, b -> b.status(EpisodeStatus.FAILED).error(error).errorRetryable(retryable).attempts(attempts)
                .claimedBy(null).claimExpiresAt(null));
    }

    /**
     * Gives the episode back untouched (its state stays, e.g. NEW), so that a later run takes it up: used when the
     * work cannot go on for reasons that are not the episode's fault (no speech model for its language, shutdown).
     *
     * @param note why it waits (kept in {@code transcriptNote}), or null to keep the previous note
     */
    public void release(EpisodeClaim claim, String note) {
        change(claim, b -> {
            b.claimedBy(null).claimExpiresAt(null);
            return note == null ? b : b.transcriptNote(note);
        });
    }

    private void change(EpisodeClaim claim, UnaryOperator<EpisodeRecord.Builder> change) {
        Instant now = clock.instant();
        EpisodeRecord.Builder builder = claim.episode().toBuilder().updatedAt(now.toString());
        if (claim.episode().claimedBy() != null) {
            builder.claimExpiresAt(now.plus(claimTimeout).toString());
        }
        EpisodeRecord changed = change.apply(builder).build();
        try {
            IndexResponse response = write(changed, claim.seqNo(), claim.primaryTerm());
            claim.written(changed, response.seqNo(), response.primaryTerm());
        } catch (ElasticsearchException e) {
            if (isConflict(e)) {
                throw new ClaimLostException(changed.id(), claim.holder());
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("update episode " + changed.id(), e);
        }
    }

    /** Get + conditional index, retried on conflicts; false when the episode does not exist. */
    private boolean update(String id, UnaryOperator<EpisodeRecord> change) {
        for (int attempt = 0; attempt < WRITE_RETRIES; attempt++) {
            Optional<Versioned> current = get(id);
            if (current.isEmpty()) {
                return false;
            }
            EpisodeRecord changed = change.apply(current.get().record()).toBuilder()
                    .updatedAt(clock.instant().toString()).build();
            try {
                write(changed, current.get().seqNo(), current.get().primaryTerm());
                return true;
            } catch (ElasticsearchException e) {
                if (!isConflict(e)) {
                    throw e;
                }
            } catch (IOException e) {
                throw unavailable("update episode " + id, e);
            }
        }
        throw new IllegalStateException("episode " + id + " kept changing under " + WRITE_RETRIES
                + " attempts to update it");
    }

    private List<EpisodeRecord> allOf(String feed, boolean newestFirst) {
        try {
            SearchResponse<EpisodeRecord> response = client.search(s -> s.index(alias).size(MAX_FEED_EPISODES)
                    .query(q -> q.term(t -> t.field("feed").value(FieldValue.of(feed))))
                    .sort(o -> o.field(f -> f.field("publishedAt")
                            .order(newestFirst ? SortOrder.Desc : SortOrder.Asc).missing("_last")))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), EpisodeRecord.class);
            List<EpisodeRecord> records = new ArrayList<>();
            response.hits().hits().forEach(h -> records.add(h.source()));
            return records;
        } catch (IOException e) {
            throw unavailable("read the episodes of feed " + feed, e);
        }
    }

    private IndexResponse write(EpisodeRecord record, long seqNo, long primaryTerm) throws IOException {
        return client.index(i -> i.index(alias).id(record.id()).document(record).ifSeqNo(seqNo)
                .ifPrimaryTerm(primaryTerm));
    }

    private Optional<Versioned> get(String id) {
        try {
            GetResponse<EpisodeRecord> response = client.get(g -> g.index(alias).id(id), EpisodeRecord.class);
            if (!response.found() || response.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new Versioned(response.source(), response.seqNo(), response.primaryTerm()));
        } catch (IOException e) {
            throw unavailable("read episode " + id, e);
        }
    }

    private static boolean isConflict(ElasticsearchException e) {
        return e.status() == 409;
    }

    private static UncheckedIOException unavailable(String what, IOException e) {
        return new UncheckedIOException("Elasticsearch did not answer: cannot " + what + ": " + e.getMessage(), e);
    }

    private record Versioned(EpisodeRecord record, long seqNo, long primaryTerm) {
    }
}
