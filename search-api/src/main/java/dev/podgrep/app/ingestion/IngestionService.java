package dev.podgrep.app.ingestion;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.audio.AudioCache;
import dev.podgrep.app.elasticsearch.ElasticsearchOutage;
import dev.podgrep.app.episodes.EpisodeClaim;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.recognition.EpisodeTranscriber;
import dev.podgrep.app.recognition.SpeechModels;
import dev.podgrep.ingest.feed.Feed;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ingestion run: {@link FeedIntake} fetches, reads and records every feed (configured and added); then the
 * episodes that need work (new ones, ones a stopped run left midway, retryable failures under
 * {@code podgrep.ingest.max-attempts}, re-transcriptions) are taken up <b>newest first across all feeds</b> — a new
 * episode of any feed before the older backlog of another — each claimed first so that several instances never do
 * the same work (see {@link EpisodeStore}) and taken through the {@link EpisodePipeline}. When the schedule fires
 * while a run still works on a long backlog, the run reads its feeds again and queues what is new ahead of that
 * backlog.
 *
 * <p>One run at a time per instance. Runs start from the schedule, at startup, or with {@code POST /api/ingest}
 * ({@link #startInBackground}); {@link #runNow} runs one on the calling thread. Episodes are processed one more at a
 * time than the transcriber's parallelism: recognition itself is limited to that many jobs, and the extra worker
 * downloads the next episode and indexes the last one while the others recognise, so the CPU-bound step never waits
 * for I/O. At shutdown the run is asked to stop and its workers interrupted: episodes in progress are released as
 * they are (downloads keep their partial file), and the next run continues them.
 */
@Service
public class IngestionService {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final FeedRegistry feeds;
    private final FeedIntake intake;
    private final EpisodeStore store;
    private final EpisodePipeline pipeline;
    private final SpeechModels models;
    private final IngestionMetrics metrics;
    private final AudioCache audioCache;
    private final Duration feedBudget;
    private final String instanceId;
    private final int workerCount;
    private final ExecutorService runner;
    private final ExecutorService workerPool;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<RunState> current = new AtomicReference<>();
    private final AtomicReference<RunSummary> lastRun = new AtomicReference<>();

    @Autowired
    IngestionService(FeedRegistry feeds, FeedIntake intake, EpisodeStore store, EpisodePipeline pipeline,
                     SpeechModels models, EpisodeTranscriber transcriber, IngestionMetrics metrics,
                     AudioCache audioCache, PodgrepProperties properties) {
        this(feeds, intake, store, pipeline, models, transcriber, metrics, audioCache,
                properties.ingest().feedBudget());
    }

    /**
     * @param feedBudget network time each feed may take per run ({@code podgrep.ingest.feed-budget})
     */
    IngestionService(FeedRegistry feeds, FeedIntake intake, EpisodeStore store, EpisodePipeline pipeline,
                     SpeechModels models, EpisodeTranscriber transcriber, IngestionMetrics metrics,
                     AudioCache audioCache, Duration feedBudget) {
        this.metrics = metrics;
        this.audioCache = audioCache;
        this.feedBudget = feedBudget;
        this.feeds = feeds;
        this.intake = intake;
        this.store = store;
        this.pipeline = pipeline;
        this.models = models;
        this.instanceId = newInstanceId();
        this.workerCount = transcriber.parallelism() + 1;
        int n = INSTANCES.incrementAndGet();
        this.runner = Executors.newSingleThreadExecutor(r -> daemon(r, "ingestion-run-" + n));
        AtomicInteger threads = new AtomicInteger();
        this.workerPool = Executors.newFixedThreadPool(workerCount,
                r -> daemon(r, "ingestion-worker-" + n + "-" + threads.incrementAndGet()));
    }

    /** @return this instance's name in episode claims (host, process id, random part) */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Starts a run on the ingestion thread, unless one is running.
     *
     * @param trigger what started it ({@code startup}, {@code schedule}, {@code api}), for the log and status
     * @return false when a run is already in progress (nothing started)
     */
    public boolean startInBackground(String trigger) {
        if (stopping.get() || !running.compareAndSet(false, true)) {
            return false;
        }
        try {
            runner.submit(() -> runClaimed(trigger));
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        return true;
    }

    /**
     * Runs one ingestion on the calling thread.
     *
     * @return what it did, or empty when a run is already in progress
     */
    public Optional<RunSummary> runNow(String trigger) {
        if (stopping.get() || !running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        return Optional.of(runClaimed(trigger));
    }

    /** @return whether a run is in progress */
    public boolean running() {
        return running.get();
    }

    /** Whether a run is in progress, the last run's numbers, and the current run's episodes with their stage. */
    public IngestionStatus status() {
        RunState run = current.get();
        Backlog backlog = metrics.freshStatistics().map(stats -> Backlog.of(stats,
                metrics.realtimeFactor().isPresent() ? metrics.realtimeFactor().getAsDouble() : null,
                workerCount - 1, Instant.now())).orElse(null);
        return new IngestionStatus(running.get(), lastRun.get(), run == null ? null : run.summary(null),
                run == null ? List.of() : run.episodes(), backlog, audioCache.usage());
    }

    /**
     * Reads the feeds again during the run in progress, if there is one (the schedule fired while a long backlog is
     * still being worked on), so that a new episode of any feed is taken up next instead of after the backlog.
     *
     * @return false when no run is in progress
     */
    public boolean readFeedsAgainDuringRun() {
        RunState run = current.get();
        if (run == null) {
            return false;
        }
        run.requestFeedsAgain();
        return true;
    }

    /**
     * Runs with {@link #running} set by the caller: every feed is read (within its time budget), then the episodes
     * needing work are taken up newest first across all feeds by {@code workers} threads; while they work, a request
     * to read the feeds again ({@link #readFeedsAgainDuringRun}) adds what is new to the same queue. Every write the
     * run makes is visible to listings before it is reported finished (the store refreshes on each step that ends an
     * episode's work or records a feed).
     */
    private RunSummary runClaimed(String trigger) {
        RunState run = new RunState(trigger, feedBudget);
        current.set(run);
        RunSummary summary = null;
        try {
            if (stopping.get()) {
                run.requestStop();
            }
            log.info("Ingestion run started ({}), instance {}", trigger, instanceId);
            metrics.runStarted(trigger);
            models.retryUnavailable();
            readFeedsAndQueueWork(run);
            workThroughQueue(run);
        } catch (RuntimeException e) {
            log.error("Ingestion run stopped by an unexpected error: {}", e.getMessage(), e);
        } finally {
            summary = run.summary(Instant.now());
            lastRun.set(summary);
            current.set(null);
            running.set(false);
            log.info("Ingestion run finished{}: {} episodes seen, {} indexed, {} failed, {} waiting, {} downloads,"
                            + " {} of {} feeds failed",
                    run.stopRequested() ? " (stopped by shutdown)" : "", summary.episodesSeen(),
                    summary.episodesIndexed(), summary.episodesFailed(), summary.episodesWaiting(),
                    summary.downloads(), summary.feedsFailed(), summary.feeds().size());
        }
        return summary;
    }

    /** Reads every feed and queues, newest first across feeds, the episodes that need work and are not queued yet. */
    private void readFeedsAndQueueWork(RunState run) {
        List<Feed> current = feedsOrNone();
        for (Feed feed : current) {
            if (run.stopRequested()) {
                return;
            }
            long started = System.nanoTime();
            FeedOutcome outcome = intake.read(feed, run.deadlineFor(feed.name()));
            run.spent(feed.name(), System.nanoTime() - started);
            run.feed(outcome);
        }
        try {
            List<EpisodeRecord> pending = store.needingWork(current.stream().map(Feed::name).toList());
            int added = run.enqueue(pending);
            log.info("{} episodes need work ({} newly queued), newest first across {} feeds", pending.size(), added,
                    current.size());
        } catch (RuntimeException e) {
            log.error("Ingestion run: cannot read the episodes that need work: {}", e.getMessage());
        }
    }

    /**
     * Lets the workers take episodes from the queue until it is empty, reading the feeds again in between when
     * asked to.
     */
    private void workThroughQueue(RunState run) {
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < workerCount; i++) {
                workers.add(workerPool.submit(() -> workLoop(run)));
            }
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            run.requestStop();   // the service is stopping: its workers take nothing new
        }
        try {
            while (!allDone(workers)) {
                if (run.takeFeedsRequest() && !run.stopRequested()) {
                    log.info("Reading the feeds again while the run works on its backlog");
                    readFeedsAndQueueWork(run);
                }
                Thread.sleep(200);
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.requestStop();
            workers.forEach(w -> w.cancel(true));
        } catch (ExecutionException e) {
            log.error("Ingestion run: a worker failed unexpectedly", e.getCause());
        }
    }

    private static boolean allDone(List<Future<?>> workers) {
        return workers.stream().allMatch(Future::isDone);
    }

    /**
     * One worker: the newest queued episode, start to end, until none is left, the run stops, or Elasticsearch has
     * not answered for {@value EpisodePipeline#GIVE_BACK_SECONDS} s (what is left of the queue waits for the next
     * run).
     */
    private void workLoop(RunState run) {
        EpisodeRecord next;
        while (!run.stopRequested() && (next = run.nextEpisode()) != null) {
            try {
                if (!work(next, run)) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Episode {}: its job failed unexpectedly", next.id(), e);
            }
        }
    }

    private List<Feed> feedsOrNone() {
        try {
            return feeds.feeds();
        } catch (RuntimeException e) {
            log.error("Ingestion run: cannot read the feed list: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * One episode, start to end, on one worker thread: the claim never leaves it.
     *
     * @return false when Elasticsearch did not answer the claim in time: the worker takes no more episodes
     */
    private boolean work(EpisodeRecord episode, RunState run) {
        if (run.stopRequested()) {
            return true;
        }
        Optional<EpisodeClaim> claim;
        try {
            claim = claimWhenElasticsearchAnswers(episode, run);
        } catch (ElasticsearchDidNotAnswer e) {
            return false;
        }
        if (claim.isEmpty()) {
            log.debug("Episode {}: taken or finished by someone else; skipped", episode.id());
            return true;
        }
        try {
            switch (pipeline.process(claim.get(), run)) {
                case INDEXED -> run.indexed.incrementAndGet();
                case FAILED -> run.failed.incrementAndGet();
                case WAITING -> run.waiting.incrementAndGet();
                case STOPPED, LOST -> {
                }
            }
        } finally {
            run.done(episode.id());
        }
        return true;
    }

    /**
     * Claims the episode. While Elasticsearch is out ({@link ElasticsearchOutage}: the local node was killed and is
     * being restarted, a cluster lost a node) the worker waits for it, trying again every 2 s for up to
     * {@value EpisodePipeline#GIVE_BACK_SECONDS} s, instead of failing the claim at once and going on to the next
     * episode: a worker that came to claim while the node was down used to skip through the run's whole queue in
     * milliseconds, leaving every episode of it for the next scheduled run.
     *
     * @throws ElasticsearchDidNotAnswer when it did not answer in time, or the run stopped meanwhile
     */
    private Optional<EpisodeClaim> claimWhenElasticsearchAnswers(EpisodeRecord episode, RunState run) {
        long deadline = System.nanoTime() + EpisodePipeline.GIVE_BACK_SECONDS * 1_000_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                return store.claim(episode.id(), instanceId);
            } catch (RuntimeException e) {
                if (!ElasticsearchOutage.is(e)) {
                    throw e;
                }
                if (run.stopRequested() || System.nanoTime() > deadline) {
                    log.warn("Episode {}: Elasticsearch does not answer ({}); this worker takes no more episodes in "
                            + "this run, the next run continues", episode.id(), e.getMessage());
                    throw new ElasticsearchDidNotAnswer();
                }
                if (attempt == 1) {
                    log.warn("Episode {}: Elasticsearch does not answer ({}); waiting for it before claiming",
                            episode.id(), e.getMessage());
                }
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new ElasticsearchDidNotAnswer();
                }
            }
        }
    }

    /** A worker waited for Elasticsearch to answer a claim in vain (or the run stopped meanwhile). */
    private static final class ElasticsearchDidNotAnswer extends RuntimeException {
        ElasticsearchDidNotAnswer() {
            super(null, null, false, false);
        }
    }

    /**
     * Stops the run in progress (shutdown): no new episode is started, running ones are interrupted and released as
     * they are; waits up to 30 s for that.
     */
    @PreDestroy
    public void stop() {
        stopping.set(true);
        RunState run = current.get();
        if (run != null) {
            run.requestStop();
            log.info("Stopping the ingestion run in progress; the next run continues where it stopped");
        }
        workerPool.shutdownNow();
        runner.shutdownNow();
        try {
            if (!workerPool.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Ingestion workers did not stop within 30 s; their claims lapse by themselves");
            }
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String newInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
