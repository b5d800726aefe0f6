package dev.podgrep.app.ingestion;

import dev.podgrep.app.episodes.EpisodeRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run as it goes: its counters and per-episode progress (updated by its workers, read by the status endpoint),
 * the queue of episodes to work on (newest first across all feeds), each feed's network time against its budget
 * ({@code podgrep.ingest.feed-budget}), and whether it has been asked to read its feeds again or to stop.
 */
final class RunState {

    final Instant startedAt = Instant.now();
    final String trigger;
    final AtomicInteger seen = new AtomicInteger();
    final AtomicInteger indexed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger feedsFailed = new AtomicInteger();
    final List<FeedOutcome> feeds = new CopyOnWriteArrayList<>();
    private final Map<String, EpisodeProgress> episodes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> networkNanos = new ConcurrentHashMap<>();
    private final Duration feedBudget;
    /** The episodes to work on, newest first across all feeds; each episode enters at most once per run. */
    private final PriorityBlockingQueue<EpisodeRecord> queue = new PriorityBlockingQueue<>(64, NEWEST_FIRST);
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean feedsDue = new AtomicBoolean();
    private volatile boolean stopRequested;

    /**
     * @param feedBudget network time each feed may take in this run (its fetch, transcripts and downloads)
     */
    RunState(String trigger, Duration feedBudget) {
        this.trigger = trigger;
        this.feedBudget = feedBudget;
    }

    /**
     * When the feed's network time in this run runs out if its next fetch starts now: now plus what is left of its
     * budget (in the past when it is spent).
     */
    Instant deadlineFor(String feed) {
        long used = networkNanos.computeIfAbsent(feed, f -> new AtomicLong()).get();
        return Instant.now().plusNanos(feedBudget.toNanos() - used);
    }

    /** Whether the feed has spent its network time for this run. */
    boolean budgetSpent(String feed) {
        return networkNanos.computeIfAbsent(feed, f -> new AtomicLong()).get() >= feedBudget.toNanos();
    }

    /** Counts {@code nanos} of network time (a fetch or download that just ended) against the feed's budget. */
    void spent(String feed, long nanos) {
        networkNanos.computeIfAbsent(feed, f -> new AtomicLong()).addAndGet(nanos);
    }

    /** Newest publication first (undated last), then by id. */
    static final Comparator<EpisodeRecord> NEWEST_FIRST = Comparator
            .comparing((EpisodeRecord e) -> e.listing().publishedAt(),
                    Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(EpisodeRecord::id);

    /**
     * Adds episodes to the work queue, except those already queued in this run (a retryable failure is not taken
     * up again in the same run).
     *
     * @return how many were added
     */
    int enqueue(List<EpisodeRecord> episodes) {
        int added = 0;
        for (EpisodeRecord episode : episodes) {
            if (queued.add(episode.id())) {
                queue.add(episode);
                added++;
            }
        }
        return added;
    }

    /** The newest episode waiting for a worker, or null when none waits. */
    EpisodeRecord nextEpisode() {
        return queue.poll();
    }

    /** Episodes waiting for a worker. */
    int waitingEpisodes() {
        return queue.size();
    }

    /** Asks the run to read its feeds again (the schedule fired while the run still works on a backlog). */
    void requestFeedsAgain() {
        feedsDue.set(true);
    }

    /** Whether feeds should be read again now; clears the request. */
    boolean takeFeedsRequest() {
        return feedsDue.getAndSet(false);
    }

    /** Asks the run to stop: no new episode is started; running steps treat interruptions as a stop. */
    void requestStop() {
        stopRequested = true;
    }

    /** Whether the run has been asked to stop. */
    boolean stopRequested() {
        return stopRequested;
    }

    void progress(EpisodeProgress progress) {
        episodes.put(progress.episodeId(), progress);
    }

    void done(String episodeId) {
        episodes.remove(episodeId);
    }

    void feed(FeedOutcome outcome) {
        feeds.add(outcome);
        seen.addAndGet(outcome.episodes());
        if ("failed".equals(outcome.outcome())) {
            feedsFailed.incrementAndGet();
        }
    }

    List<EpisodeProgress> episodes() {
        List<EpisodeProgress> list = new ArrayList<>(episodes.values());
        list.sort(Comparator.comparing(EpisodeProgress::feed).thenComparing(EpisodeProgress::episodeId));
        return list;
    }

    RunSummary summary(Instant finishedAt) {
        return new RunSummary(startedAt, finishedAt, trigger, seen.get(), indexed.get(), failed.get(), waiting.get(),
                downloads.get(), feedsFailed.get(), new ArrayList<>(feeds));
    }
}
