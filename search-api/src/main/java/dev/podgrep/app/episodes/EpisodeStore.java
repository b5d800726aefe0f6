package dev.podgrep.app.episodes;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.elasticsearch.IndexMigration;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Episodes and their ingestion state in Elasticsearch (alias {@link IndexNames#episodes()}, versioned index with the
 * strict mapping {@code elasticsearch/episodes-v2.json}; a store of the older flat v1 layout is migrated at start).
 *
 * <p>Several podgrep instances may ingest into the same indices. Each episode is worked on by one instance at a
 * time: it first {@linkplain #claim claims} the episode with a conditional write ({@code if_seq_no} /
 * {@code if_primary_term}) — of two instances claiming at once exactly one succeeds, the other gets a 409 and skips
 * the episode. A claim expires after {@code podgrep.ingest.claim-timeout}, so an instance that died mid-episode
 * does not block it for ever; every state change renews it. Every state change of a claimed episode is a
 * conditional write too, so an instance whose claim lapsed and was taken over cannot overwrite the new holder's
 * work ({@link ClaimLostException}).
 *
 * <p>Visibility: reads by id ({@link #find}) are real-time. Listings ({@link #list}, {@link #needingWork}) are
 * searches, so every write that ends a step a caller reports — a feed's listing recorded, an episode indexed,
 * failed or released — refreshes the index before it returns: whoever reads a listing after being told of a change
 * sees it. Callers never refresh.
 *
 * <p>Nothing here uses {@code _update_by_query} or scripts (the local node lacks them): changes are get + index.
 */
@Component
public class EpisodeStore {

    static final int MAPPING_VERSION = 2;
    static final String MAPPING = "/elasticsearch/episodes-v2.json";
    private static final Logger log = LoggerFactory.getLogger(EpisodeStore.class);
    private static final int WRITE_RETRIES = 10;
    private static final int PAGE = 500;

    private final ElasticsearchClient client;
    private final String alias;
    private final Duration claimTimeout;
    private final int maxAttempts;
    private final Clock clock;
    private final Instant since;
    /** Runs between a claim's read and its conditional write; tests use it to make two claims collide. */
    private volatile Runnable beforeClaimWrite = () -> { };

    /** The store of the application, configured from {@code podgrep.ingest.*}. */
    @Autowired
    public EpisodeStore(ElasticsearchClient client, IndexNames names, PodgrepProperties properties) {
        this(client, names, properties.ingest().claimTimeout(), properties.ingest().maxAttempts(),
                Clock.systemUTC(), properties.ingest().since());
    }

    /** A store without a {@code since} limit. */
    public EpisodeStore(ElasticsearchClient client, IndexNames names, Duration claimTimeout, int maxAttempts,
                        Clock clock) {
        this(client, names, claimTimeout, maxAttempts, clock, null);
    }

    /**
     * @param claimTimeout how long a claim lasts without renewal
     * @param maxAttempts  failed attempts after which a retryable failure is no longer retried
     * @param clock        the time claims are measured with
     * @param since        episodes published before this day (UTC) are recorded as SKIPPED; null = no limit
     */
    public EpisodeStore(ElasticsearchClient client, IndexNames names, Duration claimTimeout, int maxAttempts,
                        Clock clock, LocalDate since) {
        this.since = since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.client = Objects.requireNonNull(client, "client");
        this.alias = names.episodes();
        this.claimTimeout = Objects.requireNonNull(claimTimeout, "claimTimeout");
        this.maxAttempts = maxAttempts;
        this.clock = Objects.requireNonNull(clock, "clock");
        IndexMigration.ensure(client, alias, MAPPING_VERSION, MAPPING,
                new IndexMigration.Upgrade<>(1, LegacyEpisodeDocument.class, LegacyEpisodeDocument::toRecord));
    }

    /** @return failed attempts after which a retryable failure is no longer retried */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The episode with this id, if podgrep has seen it (a real-time read: includes every write so far). */
    public Optional<EpisodeRecord> find(String id) {
        return get(id).map(Versioned::record);
    }

    /**
     * A page of episodes, newest first (by publication date; episodes without one last, then by id).
     *
     * @param feed   only this feed's episodes, or null for all
     * @param status only episodes in this state, or null for all
     * @param from   index of the first episode (page × size; the web layer bounds it)
     * @param size   episodes per page (at least 1)
     * @return the page with the exact total
     */
    public EpisodePage list(String feed, EpisodeStatus status, int from, int size) {
        BoolQuery.Builder filters = new BoolQuery.Builder();
        if (feed != null) {
            filters.filter(f -> f.term(t -> t.field("listing.feed").value(feed)));
        }
        if (status != null) {
            filters.filter(f -> f.term(t -> t.field("state.status").value(status.name())));
        }
        try {
            SearchResponse<EpisodeRecord> response = client.search(s -> s.index(alias)
                    .query(q -> q.bool(filters.build())).from(from).size(size)
                    .trackTotalHits(t -> t.enabled(true)).sort(newestFirst()), EpisodeRecord.class);
            List<EpisodeRecord> items = response.hits().hits().stream().map(Hit::source).toList();
            return new EpisodePage(response.hits().total().value(), items);
        } catch (IOException e) {
            throw unavailable("list episodes", e);
        }
    }

    /** What recording a feed's listing changed. */
    public record ListingChanges(int created, int relisted, int restarted, int removed) {
    }

    /**
     * Records a feed's listing as read now, in bulk, and refreshes: episodes seen for the first time are stored as
     * NEW; known ones get their listing refreshed while their state and claim are kept — except a FAILED one whose
     * enclosure changed or appeared, which starts afresh (see {@link EpisodeRecord#relisted}); episodes of the feed
     * it no longer lists are flagged {@code removedFromFeed} (their state and indexed transcripts stay).
     *
     * @param feed     the feed's name
     * @param episodes every episode the feed lists now (ids unique)
     */
    public ListingChanges recordListing(String feed, List<Episode> episodes) {
        Instant now = clock.instant();
        Map<String, Episode> pending = new LinkedHashMap<>();
        episodes.forEach(e -> pending.putIfAbsent(e.id(), e));
        Set<String> listed = new HashSet<>(pending.keySet());
        int created = 0;
        int relisted = 0;
        int restarted = 0;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == WRITE_RETRIES) {
                throw new IllegalStateException("episodes " + pending.keySet() + " of feed " + feed
                        + " kept changing under " + WRITE_RETRIES + " attempts to record them");
            }
            List<String> ids = new ArrayList<>(pending.keySet());
            for (int from = 0; from < ids.size(); from += PAGE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
                Map<String, Versioned> current = getAll(chunk);
                List<BulkOperation> operations = new ArrayList<>(chunk.size());
                List<Boolean> restarts = new ArrayList<>(chunk.size());
                for (String id : chunk) {
                    Episode episode = pending.get(id);
                    Versioned known = current.get(id);
                    if (known == null) {
                        EpisodeRecord fresh = EpisodeRecord.fromFeed(episode, now, since);
                        operations.add(BulkOperation.of(b -> b.create(c -> c.index(alias).id(id).document(fresh))));
                        restarts.add(false);
                    } else {
                        EpisodeRecord next = known.record().relisted(episode, now, since);
                        boolean restart = known.record().restartedBy(next);
                        operations.add(BulkOperation.of(b -> b.index(i -> i.index(alias).id(id).document(next)
                                .ifSeqNo(known.seqNo()).ifPrimaryTerm(known.primaryTerm()))));
                        restarts.add(restart);
                        if (restart) {
                            log.info("Episode {} ('{}'): the feed changed its audio URL to {}; it is NEW again", id,
                                    episode.title(), episode.audioUrl());
                        }
                    }
                }
                List<BulkResponseItem> items = bulk(operations, "record the listing of feed " + feed);
                for (int i = 0; i < items.size(); i++) {
                    BulkResponseItem item = items.get(i);
                    if (item.error() == null) {
                        pending.remove(item.id());
                        if (current.containsKey(item.id())) {
                            relisted++;
                            restarted += restarts.get(i) ? 1 : 0;
                        } else {
                            created++;
                        }
                    } else if (item.status() != 409) {
                        throw refused(item, "record episode " + item.id());
                    }
                    // 409: another instance wrote it in between; read again and merge again
                }
            }
        }
        int removed = markRemoved(feed, listed);
        refresh();
        return new ListingChanges(created, relisted, restarted, removed);
    }

    private int markRemoved(String feed, Set<String> listed) {
        int flagged = 0;
        for (int attempt = 0; attempt < WRITE_RETRIES; attempt++) {
            List<Versioned> gone = new ArrayList<>();
            scan(Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("listing.feed").value(feed)))
                            .mustNot(m -> m.term(t -> t.field("listing.removedFromFeed").value(true))))),
                    List.of(SortOptions.of(o -> o.field(f -> f.field("id")))),
                    v -> {
                        if (!listed.contains(v.record().id())) {
                            gone.add(v);
                        }
                    });
            if (gone.isEmpty()) {
                return flagged;
            }
            boolean conflicts = false;
            for (int from = 0; from < gone.size(); from += PAGE) {
                List<Versioned> chunk = gone.subList(from, Math.min(gone.size(), from + PAGE));
                List<BulkOperation> operations = chunk.stream().map(v -> BulkOperation.of(b -> b.index(i -> i
                        .index(alias).id(v.record().id())
                        .document(v.record().with(v.record().listing().removed()))
                        .ifSeqNo(v.seqNo()).ifPrimaryTerm(v.primaryTerm())))).toList();
                List<BulkResponseItem> items = bulk(operations, "flag episodes no longer in feed " + feed);
                for (int i = 0; i < items.size(); i++) {
                    BulkResponseItem item = items.get(i);
                    if (item.error() == null) {
                        flagged++;
                        log.info("Episode {} ('{}') is no longer in feed '{}'; its transcript stays searchable",
                                item.id(), chunk.get(i).record().title(), feed);
                    } else if (item.status() == 409) {
                        conflicts = true;
                    } else {
                        throw refused(item, "flag episode " + item.id());
                    }
                }
            }
            if (!conflicts) {
                return flagged;
            }
            refresh();
        }
        throw new IllegalStateException("episodes of feed " + feed + " kept changing under " + WRITE_RETRIES
                + " attempts to flag the removed ones");
    }

    /**
     * Every episode the feed lists now (not those it dropped), newest first, however many: what podgrep re-publishes
     * as the feed's copy with transcripts.
     */
    public List<EpisodeRecord> listed(String feed) {
        List<EpisodeRecord> listed = new ArrayList<>();
        scan(Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("listing.feed").value(feed)))
                        .mustNot(m -> m.term(t -> t.field("listing.removedFromFeed").value(true))))),
                newestFirst(), v -> listed.add(v.record()));
        return listed;
    }

    /**
     * Every episode of these feeds the ingestion should work on now, newest first across all of them (see
     * {@link EpisodeRecord#needsWorkAt}): a new episode of any feed comes before the older backlog of another.
     */
    public List<EpisodeRecord> needingWork(Collection<String> feeds) {
        if (feeds.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<FieldValue> names = feeds.stream().map(FieldValue::of).toList();
        List<EpisodeRecord> work = new ArrayList<>();
        scan(Query.of(q -> q.bool(b -> b
                        .filter(f -> f.terms(t -> t.field("listing.feed").terms(v -> v.value(names))))
                        .mustNot(m -> m.terms(t -> t.field("state.status").terms(v -> v.value(List.of(
                                FieldValue.of(EpisodeStatus.SKIPPED.name()))))))
                        .mustNot(m -> m.bool(done -> done
                                .filter(f -> f.term(t -> t.field("state.status").value(EpisodeStatus.INDEXED.name())))
                                .mustNot(r -> r.exists(e -> e.field("state.retranscribeRequestedAt")))
                                .mustNot(c -> c.exists(e -> e.field("claim.holder"))))))),
                newestFirst(), v -> {
                    if (v.record().needsWorkAt(now, maxAttempts)) {
                        work.add(v.record());
                    }
                });
        return work;
    }

    /**
     * Every episode of the feed the ingestion should work on now, newest first (see
     * {@link EpisodeRecord#needsWorkAt}); the whole feed is paged through, however many episodes it has.
     */
    public List<EpisodeRecord> needingWork(String feed) {
        Instant now = clock.instant();
        List<EpisodeRecord> work = new ArrayList<>();
        scan(Query.of(q -> q.term(t -> t.field("listing.feed").value(feed))), newestFirst(), v -> {
            if (v.record().needsWorkAt(now, maxAttempts)) {
                work.add(v.record());
            }
        });
        return work;
    }

    /**
     * How many episodes are in each state, and the backlog: the episodes that need work (new, stopped midway,
     * retryable failures with attempts left, re-transcriptions) with their audio duration as the feeds give it (and
     * how many have none), per feed. One aggregation request.
     */
    public EpisodeStatistics statistics() {
        try {
            SearchResponse<Void> response = client.search(s -> s.index(alias).size(0)
                    .aggregations("status", a -> a.terms(t -> t.field("state.status").size(20)))
                    .aggregations("backlog", a -> a.filter(backlogQuery())
                            .aggregations("audio", sum -> sum.sum(x -> x.field("listing.durationSeconds")))
                            .aggregations("timed", count -> count.valueCount(x -> x.field("listing.durationSeconds")))
                            .aggregations("feeds", f -> f.terms(t -> t.field("listing.feed").size(1000))
                                    .aggregations("audio", sum -> sum.sum(x -> x.field("listing.durationSeconds"))))),
                    Void.class);
            Map<EpisodeStatus, Long> byStatus = new java.util.EnumMap<>(EpisodeStatus.class);
            for (EpisodeStatus status : EpisodeStatus.values()) {
                byStatus.put(status, 0L);
            }
            response.aggregations().get("status").sterms().buckets().array().forEach(b -> {
                try {
                    byStatus.put(EpisodeStatus.valueOf(b.key().stringValue()), b.docCount());
                } catch (IllegalArgumentException unknown) {
                    log.debug("unknown episode status {} in the index", b.key().stringValue());
                }
            });
            var backlog = response.aggregations().get("backlog").filter();
            List<EpisodeStatistics.FeedBacklog> perFeed = new ArrayList<>();
            backlog.aggregations().get("feeds").sterms().buckets().array().forEach(b -> perFeed.add(
                    new EpisodeStatistics.FeedBacklog(b.key().stringValue(), b.docCount(),
                            b.aggregations().get("audio").sum().value())));
            Double timed = backlog.aggregations().get("timed").valueCount().value();
            long withoutDuration = Math.max(0, backlog.docCount() - (timed == null ? 0 : timed.longValue()));
            return new EpisodeStatistics(byStatus, backlog.docCount(), backlog.aggregations().get("audio").sum().value(),
                    withoutDuration, perFeed);
        } catch (IOException e) {
            throw unavailable("count the episodes", e);
        }
    }

    /** The episodes that need work, as a query (mirrors {@link EpisodeRecord#needsWorkAt}, claims aside). */
    private Query backlogQuery() {
        return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.terms(t -> t.field("state.status").terms(v -> v.value(List.of(
                        FieldValue.of(EpisodeStatus.NEW.name()), FieldValue.of(EpisodeStatus.DOWNLOADED.name()),
                        FieldValue.of(EpisodeStatus.TRANSCRIBED.name()))))))
                .should(s -> s.bool(r -> r
                        .filter(f -> f.term(t -> t.field("state.status").value(EpisodeStatus.INDEXED.name())))
                        .filter(f -> f.exists(e -> e.field("state.retranscribeRequestedAt")))))
                .should(s -> s.bool(r -> r
                        .filter(f -> f.term(t -> t.field("state.status").value(EpisodeStatus.FAILED.name())))
                        .filter(f -> f.term(t -> t.field("state.errorRetryable").value(true)))
                        .filter(f -> f.range(x -> x.number(n -> n.field("state.attempts")
                                .lt((double) maxAttempts))))))));
    }

    /** What an operator's request to change an episode did. */
    public enum Change {
        /** Done; listings show it at once. */
        DONE,
        /** No such episode. */
        UNKNOWN,
        /** The episode is not in a state the change applies to (nothing changed). */
        NOT_APPLICABLE
    }

    /**
     * Gives a FAILED episode another chance (admin): NEW, attempts reset, error cleared; cached audio kept.
     *
     * @return {@link Change#NOT_APPLICABLE} when the episode is not FAILED (or is being worked on)
     */
    public Change retry(String id) {
        return changeByOperator(id, r -> r.status() == EpisodeStatus.FAILED && !r.claimActiveAt(clock.instant())
                ? r.with(r.state().retried().at(clock.instant())) : null);
    }

    /**
     * Queues an INDEXED episode with an ASR transcript for transcription again (admin), with the speech model
     * configured now; its transcript stays searchable until the new one replaces it.
     *
     * @return {@link Change#NOT_APPLICABLE} when the episode is not INDEXED from ASR, or is queued already
     */
    public Change requestRetranscription(String id) {
        Instant now = clock.instant();
        return changeByOperator(id, r -> retranscribable(r) ? r.with(r.state().retranscribeRequested(now).at(now))
                : null);
    }

    /**
     * Queues every INDEXED ASR episode (of {@code feed}, or all feeds; whose transcript was made by {@code model},
     * or by any model) for transcription again.
     *
     * @return how many episodes were queued
     */
    public int requestRetranscription(String feed, String model) {
        Instant now = clock.instant();
        List<Versioned> chosen = new ArrayList<>();
        scan(Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("state.status").value(EpisodeStatus.INDEXED.name())));
            b.filter(f -> f.term(t -> t.field("state.transcript.source").value("ASR")));
            if (feed != null) {
                b.filter(f -> f.term(t -> t.field("listing.feed").value(feed)));
            }
            if (model != null) {
                b.filter(f -> f.term(t -> t.field("state.transcript.model").value(model)));
            }
            return b;
        })), List.of(SortOptions.of(o -> o.field(f -> f.field("id")))), chosen::add);
        int queued = 0;
        for (Versioned v : chosen) {
            if (requestRetranscription(v.record().id()) == Change.DONE) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Deletes every episode of a feed (a purge), with their state; refreshed at once.
     *
     * @return the ids of the deleted episodes (to delete their segments, transcripts and audio too)
     */
    public List<String> deleteFeed(String feed) {
        List<String> ids = new ArrayList<>();
        scan(Query.of(q -> q.term(t -> t.field("listing.feed").value(feed))),
                List.of(SortOptions.of(o -> o.field(f -> f.field("id")))), v -> ids.add(v.record().id()));
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<BulkOperation> deletes = ids.subList(from, Math.min(ids.size(), from + PAGE)).stream()
                    .map(id -> BulkOperation.of(b -> b.delete(d -> d.index(alias).id(id)))).toList();
            for (BulkResponseItem item : bulk(deletes, "delete the episodes of feed " + feed)) {
                if (item.error() != null && item.status() != 404) {
                    throw refused(item, "delete episode " + item.id());
                }
            }
        }
        refresh();
        return ids;
    }

    private static boolean retranscribable(EpisodeRecord r) {
        return r.status() == EpisodeStatus.INDEXED && r.state().transcript() != null
                && r.state().transcript().source() == TranscriptSource.ASR && !r.state().retranscribing();
    }

    /**
     * An operator's change: get + conditional write (retried on conflicts), refreshed at once.
     *
     * @param change the changed record, or null when the change does not apply to the record as it is
     */
    private Change changeByOperator(String id, UnaryOperator<EpisodeRecord> change) {
        for (int attempt = 0; attempt < WRITE_RETRIES; attempt++) {
            Optional<Versioned> current = get(id);
            if (current.isEmpty()) {
                return Change.UNKNOWN;
            }
            EpisodeRecord changed = change.apply(current.get().record());
            if (changed == null) {
                return Change.NOT_APPLICABLE;
            }
            try {
                write(changed, current.get().seqNo(), current.get().primaryTerm(), true);
                return Change.DONE;
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

    /**
     * Claims an episode for {@code holder}, if it still needs work and nobody else holds an unexpired claim: a
     * conditional write of the claim on the version just read.
     *
     * <p>Claiming counts an attempt (see {@link IngestionState#attempts()}). An episode whose claim lapsed (its
     * holder died) on its last allowed attempt is not claimed again but recorded as FAILED, final.
     *
     * @return the claim, or empty when the episode needs no work (any more), is claimed by someone else, another
     *         instance claimed it at the same moment (409), or it was just given up
     */
    public Optional<EpisodeClaim> claim(String id, String holder) {
        Optional<Versioned> current = get(id);
        Instant now = clock.instant();
        Optional<EpisodeClaim> ours = current.flatMap(v -> alreadyOurs(v, holder, now));
        if (ours.isPresent()) {
            return ours;
        }
        if (current.isEmpty() || !current.get().record().needsWorkAt(now, maxAttempts)) {
            return Optional.empty();
        }
        EpisodeRecord before = current.get().record();
        boolean lapsed = before.claim() != null;
        EpisodeRecord next;
        if (lapsed && before.state().attempts() >= maxAttempts) {
            log.warn("Episode {}: the claim of {} lapsed at {}, on attempt {} of {}; giving the episode up", id,
                    before.claim().holder(), before.claim().expiresAt(), before.state().attempts(), maxAttempts);
            next = before.with(before.state().failed(givenUp(before.state().attempts()), false).at(now))
                    .with((Claim) null);
        } else {
            if (lapsed) {
                log.info("Episode {}: the claim of {} lapsed at {}; {} takes it over", id, before.claim().holder(),
                        before.claim().expiresAt(), holder);
            }
            next = before.with(new Claim(holder, now.plus(claimTimeout))).with(before.state().attemptStarted().at(now));
        }
        beforeClaimWrite.run();
        try {
            IndexResponse response = write(next, current.get().seqNo(), current.get().primaryTerm(),
                    next.claim() == null);
            return next.claim() == null ? Optional.empty()
                    : Optional.of(new EpisodeClaim(holder, next, response.seqNo(), response.primaryTerm()));
        } catch (ElasticsearchException e) {
            if (isConflict(e)) {
                // usually another instance at the same moment; or this very write, retried by the client on another
                // node after the first one applied it and died before answering
                Optional<EpisodeClaim> retried = get(id).flatMap(v -> alreadyOurs(v, holder, clock.instant()));
                if (retried.isEmpty()) {
                    log.debug("Episode {}: claimed by another instance at the same moment; skipped", id);
                }
                return retried;
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("claim episode " + id, e);
        }
    }

    /**
     * The episode as {@code holder} already holds it (an unexpired claim of its own), taken up again. A holder claims
     * an episode at most once at a time, so finding its own claim means a claim write of its own whose answer was
     * lost: the node applied it and died (or the connection broke) before answering, and the holder tried again, or
     * the client retried it on another node of the cluster, which then refused it as a conflict with itself. Without
     * this the episode was skipped and stayed claimed by a holder that did not know it, until the claim lapsed
     * ({@code podgrep.ingest.claim-timeout}, 2 h by default), with a second attempt counted at the takeover.
     */
    private static Optional<EpisodeClaim> alreadyOurs(Versioned current, String holder, Instant now) {
        EpisodeRecord record = current.record();
        if (record.claim() == null || !holder.equals(record.claim().holder()) || !record.claim().activeAt(now)) {
            return Optional.empty();
        }
        log.info("Episode {}: already claimed by {} (a claim whose answer was lost); taken up again", record.id(),
                holder);
        return Optional.of(new EpisodeClaim(holder, record, current.seqNo(), current.primaryTerm()));
    }

    /** Why an episode whose every attempt ended with its process gone is not tried again. */
    static String givenUp(int attempts) {
        return "podgrep stopped while working on this episode " + attempts + " times (its process died or was"
                + " killed, for instance by a crash on this audio); not retried until the feed changes its audio URL";
    }

    /** For tests: runs {@code hook} between a claim's read and its conditional write. */
    void beforeClaimWrite(Runnable hook) {
        this.beforeClaimWrite = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Renews the claim only when more than half of its lifetime has passed: long transcriptions keep their claim
     * with one write per half {@code claim-timeout} instead of one per progress step. Call it from the thread that
     * owns the claim (claims are single-owner).
     */
    public void renewIfHalfExpired(EpisodeClaim claim) {
        claim.requireOwner();
        Claim held = claim.episode().claim();
        if (held == null || clock.instant().isAfter(held.expiresAt().minus(claimTimeout.dividedBy(2)))) {
            change(claim, r -> r, false);
        }
    }

    /** The audio is in the cache: DOWNLOADED. */
    public void downloaded(EpisodeClaim claim, String audioFile, String fromUrl) {
        change(claim, r -> r.with(r.state().downloaded(audioFile, fromUrl)), false);
    }

    /** Forgets the cached audio file (it was deleted, e.g. because the enclosure URL changed). */
    public void audioDiscarded(EpisodeClaim claim) {
        change(claim, r -> r.with(r.state().audioDiscarded()), false);
    }

    /**
     * Vosk transcribed the audio; the transcript is saved in {@code transcriptFile}: TRANSCRIBED.
     *
     * @param provenance which model recognised which audio, kept until the transcript is indexed
     */
    public void transcribed(EpisodeClaim claim, String transcriptFile, String note, Provenance provenance) {
        change(claim, r -> r.with(r.state().transcribed(transcriptFile, note, provenance)), false);
    }

    /**
     * The transcript is searchable: INDEXED, claim released, previous error replaced by {@code note}.
     *
     * @param provenance where the indexed transcript came from
     * @param segments   segments in the index
     * @param note       something worth telling about this transcript (shown as {@code error}), or null
     */
    public void indexed(EpisodeClaim claim, Provenance provenance, int segments, String note) {
        Instant now = clock.instant();
        change(claim, r -> r.with(r.state().indexed(provenance, segments, note, now)).with((Claim) null), true);
    }

    /**
     * The attempt failed: FAILED with the readable reason (the attempt stays counted), claim released. A retryable
     * failure is tried again on later runs (until {@code max-attempts}); a final one waits for the feed to change
     * the enclosure URL.
     */
    public void failed(EpisodeClaim claim, String error, boolean retryable) {
        change(claim, r -> r.with(r.state().failed(error, retryable)).with((Claim) null), true);
    }

    /**
     * A re-transcription failed: the episode stays INDEXED with its old transcript, the request is dropped and the
     * reason shown as its {@code error}; claim released.
     */
    public void retranscriptionFailed(EpisodeClaim claim, String reason) {
        change(claim, r -> r.with(r.state().retranscriptionFailed(reason)).with((Claim) null), true);
    }

    /**
     * Gives the episode back untouched (its state stays, e.g. NEW; the attempt is not counted), so that a later run
     * takes it up: used when the work cannot go on for reasons that are not the episode's fault (no speech model for
     * its language, shutdown, Elasticsearch unreachable, disk full).
     *
     * @param note why it waits (kept in {@code transcriptNote}), or null to keep the previous note
     */
    public void release(EpisodeClaim claim, String note) {
        change(claim, r -> r.with(r.state().noted(note).attemptTakenBack()).with((Claim) null), true);
    }

    /**
     * Writes {@code change} of the claimed episode, conditional on the version the claim last wrote. A conflict is
     * a lost claim (someone took the episode over), except when the stored episode shows that the conflict is with
     * this holder's own write whose answer was lost (see {@link #alreadyOurs}): either it is exactly this write
     * (the client retried it on another node after the first applied it), which is then done; or the episode is
     * still claimed by this holder (an earlier write of its own landed unanswered), and the change is made once more
     * on the stored version.
     */
    private void change(EpisodeClaim claim, UnaryOperator<EpisodeRecord> change, boolean visibleNow) {
        claim.requireOwner();
        EpisodeRecord before = claim.episode();
        long seqNo = claim.seqNo();
        long primaryTerm = claim.primaryTerm();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            EpisodeRecord renewed = before.claim() == null ? before
                    : before.with(new Claim(before.claim().holder(), now.plus(claimTimeout)));
            EpisodeRecord changed = change.apply(renewed.with(renewed.state().at(now)));
            try {
                IndexResponse response = write(changed, seqNo, primaryTerm, visibleNow);
                claim.written(changed, response.seqNo(), response.primaryTerm());
                return;
            } catch (ElasticsearchException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                Optional<Versioned> stored = get(changed.id());
                if (stored.isPresent() && stored.get().record().equals(changed)) {
                    claim.written(changed, stored.get().seqNo(), stored.get().primaryTerm());   // our write, retried
                    return;
                }
                boolean stillOurs = stored.isPresent() && stored.get().record().claim() != null
                        && claim.holder().equals(stored.get().record().claim().holder());
                if (attempt > 1 || !stillOurs) {
                    throw new ClaimLostException(changed.id(), claim.holder());
                }
                log.info("Episode {}: an earlier write of {} landed unanswered; writing this change on top of it",
                        changed.id(), claim.holder());
                before = stored.get().record();
                seqNo = stored.get().seqNo();
                primaryTerm = stored.get().primaryTerm();
            } catch (IOException e) {
                throw unavailable("update episode " + changed.id(), e);
            }
        }
    }

    private static List<SortOptions> newestFirst() {
        return List.of(
                SortOptions.of(o -> o.field(f -> f.field("listing.publishedAt").order(SortOrder.Desc)
                        .missing("_last"))),
                SortOptions.of(o -> o.field(f -> f.field("id").order(SortOrder.Asc))));
    }

    /**
     * Pages through every episode matching {@code query} in {@code sort} order (the last sort key must be unique),
     * on one point in time, so that writes during the scan neither hide nor repeat an episode.
     */
    private void scan(Query query, List<SortOptions> sort, Consumer<Versioned> each) {
        String pit = null;
        try {
            pit = client.openPointInTime(p -> p.index(alias).keepAlive(k -> k.time("1m"))).id();
            List<FieldValue> after = null;
            while (true) {
                String pitId = pit;
                List<FieldValue> searchAfter = after;
                SearchResponse<EpisodeRecord> page = client.search(s -> {
                    s.pit(p -> p.id(pitId).keepAlive(k -> k.time("1m"))).query(query).sort(sort).size(PAGE)
                            .seqNoPrimaryTerm(true).trackTotalHits(t -> t.enabled(false));
                    return searchAfter == null ? s : s.searchAfter(searchAfter);
                }, EpisodeRecord.class);
                List<Hit<EpisodeRecord>> hits = page.hits().hits();
                for (Hit<EpisodeRecord> hit : hits) {
                    each.accept(new Versioned(hit.source(), hit.seqNo(), hit.primaryTerm()));
                }
                if (hits.size() < PAGE) {
                    return;
                }
                after = hits.getLast().sort();
            }
        } catch (IOException e) {
            throw unavailable("read the episodes", e);
        } finally {
            if (pit != null) {
                String pitId = pit;
                try {
                    client.closePointInTime(c -> c.id(pitId));
                } catch (IOException | RuntimeException e) {
                    log.debug("closing a point in time failed (it lapses by itself): {}", e.toString());
                }
            }
        }
    }

    private void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw unavailable("refresh the episodes index", e);
        }
    }

    private List<BulkResponseItem> bulk(List<BulkOperation> operations, String what) {
        try {
            BulkResponse response = client.bulk(b -> b.operations(operations));
            return response.items();
        } catch (IOException e) {
            throw unavailable(what, e);
        }
    }

    private IndexResponse write(EpisodeRecord record, long seqNo, long primaryTerm, boolean visibleNow)
            throws IOException {
        return client.index(i -> i.index(alias).id(record.id()).document(record).ifSeqNo(seqNo)
                .ifPrimaryTerm(primaryTerm).refresh(visibleNow ? Refresh.True : Refresh.False));
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

    private Map<String, Versioned> getAll(Collection<String> ids) {
        try {
            MgetResponse<EpisodeRecord> response = client.mget(m -> m.index(alias).ids(List.copyOf(ids)),
                    EpisodeRecord.class);
            Map<String, Versioned> found = new LinkedHashMap<>();
            response.docs().forEach(d -> {
                if (d.isResult() && d.result().found() && d.result().source() != null) {
                    found.put(d.result().id(), new Versioned(d.result().source(), d.result().seqNo(),
                            d.result().primaryTerm()));
                }
            });
            return found;
        } catch (IOException e) {
            throw unavailable("read episodes", e);
        }
    }

    private static boolean isConflict(ElasticsearchException e) {
        return e.status() == 409;
    }

    private static IllegalStateException refused(BulkResponseItem item, String what) {
        return new IllegalStateException("Elasticsearch refused to " + what + ": " + item.error().type() + ": "
                + item.error().reason());
    }

    private static UncheckedIOException unavailable(String what, IOException e) {
        return new UncheckedIOException("Elasticsearch did not answer: cannot " + what + ": " + e.getMessage(), e);
    }

    private record Versioned(EpisodeRecord record, long seqNo, long primaryTerm) {
    }
}
