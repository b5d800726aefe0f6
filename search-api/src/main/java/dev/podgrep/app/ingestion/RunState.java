package dev.podgrep.app.ingestion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run as it goes: its counters and per-episode progress (updated by its workers, read by the status endpoint),
 * each feed's network time against its budget ({@code podgrep.ingest.feed-budget}), and whether it has been asked to
 * stop (shutdown).
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
