package dev.podgrep.app.ingestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The counters and per-episode progress of one run; updated by its workers, read by the status endpoint. */
final class RunState {

    final String startedAt = Instant.now().toString();
    final String trigger;
    final AtomicInteger seen = new AtomicInteger();
    final AtomicInteger indexed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger feedsFailed = new AtomicInteger();
    final List<FeedOutcome> feeds = new CopyOnWriteArrayList<>();
    private final Map<String, EpisodeProgress> episodes = new ConcurrentHashMap<>();

    RunState(String trigger) {
        this.trigger = trigger;
    }

    void progress(EpisodeProgress progress) {
        episodes.put(progress.episodeId(), progress);
    }

    void done(String episodeId) {
        episodes.remove(episodeId);
    }

    List<EpisodeProgress> episodes() {
        List<EpisodeProgress> list = new ArrayList<>(episodes.values());
        list.sort(Comparator.comparing(EpisodeProgress::feed).thenComparing(EpisodeProgress::episodeId));
        return list;
    }

    RunSummary summary(String finishedAt) {
        return new RunSummary(startedAt, finishedAt, trigger, seen.get(), indexed.get(), failed.get(), waiting.get(),
                downloads.get(), feedsFailed.get(), new ArrayList<>(feeds));
    }
}
