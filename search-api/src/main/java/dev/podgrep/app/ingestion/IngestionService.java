package dev.podgrep.app.ingestion;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.episodes.EpisodeClaim;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.search.TranscriptIndexer;
import dev.podgrep.app.transcription.EpisodeTranscriber;
import dev.podgrep.app.transcription.SpeechModels;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.feed.FeedParseException;
import dev.podgrep.ingest.feed.FeedReader;
import dev.podgrep.ingest.feed.ParsedFeed;
import dev.podgrep.ingest.fetch.AudioDownloader;
import dev.podgrep.ingest.fetch.FeedFetchResult;
import dev.podgrep.ingest.fetch.FeedFetcher;
import dev.podgrep.ingest.fetch.FeedValidators;
import dev.podgrep.ingest.fetch.FetchException;
import dev.podgrep.transcribe.format.PublisherTranscriptReader;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
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
 * The ingestion run: for each feed (configured and added), a conditional fetch (304: nothing new), reading it,
 * recording its episodes, then working through the feed's episodes that need work (new ones, ones a stopped run left
 * midway, retryable failures under {@code podgrep.ingest.max-attempts}), each claimed first so that several
 * instances never do the same work (see {@link EpisodeStore}). A feed that fails is recorded on the feed and the
 * other feeds still run; an episode that fails is recorded on the episode.
 *
 * <p>One run at a time per instance. Runs start from the schedule, at startup, or with {@code POST /api/ingest}
 * ({@link #startInBackground}); {@link #runNow} runs one on the calling thread. Episodes are processed
 * {@code podgrep.vosk.parallelism + 1} at a time while recognition itself is limited to
 * {@code podgrep.vosk.parallelism} jobs (the {@link EpisodeTranscriber}'s pool): the extra worker downloads the next
 * episode and indexes the last one while the others recognise, so the CPU-bound step never waits for I/O.
 * At shutdown the run is interrupted: episodes in progress are released
 * as they are (downloads keep their partial file), and the next run continues them.
 */
@Service
public class IngestionService {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final FeedRegistry feeds;
    private final EpisodeStore store;
    private final FeedFetcher fetcher;
    private final FeedReader reader;
    private final SpeechModels models;
    private final EpisodePipeline pipeline;
    private final String instanceId;
    private final int workers;
    private final ExecutorService runner;
    private final ExecutorService workerPool;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<RunState> current = new AtomicReference<>();
    private final AtomicReference<RunSummary> lastRun = new AtomicReference<>();

    @Autowired
    public IngestionService(FeedRegistry feeds, EpisodeStore store, FeedFetcher fetcher, FeedReader reader,
                            PublisherTranscriptReader transcriptReader, AudioDownloader downloader,
                            SpeechModels models, EpisodeTranscriber transcriber, TranscriptIndexer indexer,
                            TranscriptFiles transcriptFiles, PodgrepProperties properties) {
        this(feeds, store, fetcher, reader, transcriptReader, downloader, models, transcriber, indexer,
                transcriptFiles, EpisodeTranscriber.effectiveParallelism(properties.vosk().parallelism()) + 1);
    }

    /**
     * @param workers episodes processed at once
     */
    public IngestionService(FeedRegistry feeds, EpisodeStore store, FeedFetcher fetcher, FeedReader reader,
                            PublisherTranscriptReader transcriptReader, AudioDownloader downloader,
                            SpeechModels models, EpisodeTranscriber transcriber, TranscriptIndexer indexer,
                            TranscriptFiles transcriptFiles, int workers) {
        this.feeds = feeds;
        this.store = store;
        this.fetcher = fetcher;
        this.reader = reader;
        this.models = models;
        this.pipeline = new EpisodePipeline(store, fetcher, transcriptReader, downloader, transcriber, indexer,
                transcriptFiles, stopping::get);
        this.instanceId = newInstanceId();
        this.workers = Math.max(1, workers);
        int n = INSTANCES.incrementAndGet();
        this.runner = Executors.newSingleThreadExecutor(r -> daemon(r, "ingestion-run-" + n));
        AtomicInteger threads = new AtomicInteger();
        this.workerPool = Executors.newFixedThreadPool(this.workers,
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
        return new IngestionStatus(running.get(), lastRun.get(), run == null ? null : run.summary(null),
                run == null ? List.of() : run.episodes());
    }

    private RunSummary runClaimed(String trigger) {
        RunState run = new RunState(trigger);
        current.set(run);
        try {
            log.info("Ingestion run started ({}), instance {}", trigger, instanceId);
            models.retryUnavailable();
            for (Feed feed : feedsOrNone()) {
                if (stopping.get()) {
                    break;
                }
                ingestFeed(feed, run);
            }
        } catch (RuntimeException e) {
            log.error("Ingestion run stopped by an unexpected error: {}", e.getMessage(), e);
        } finally {
            RunSummary summary = run.summary(Instant.now().toString());
            lastRun.set(summary);
            current.set(null);
            running.set(false);
            log.info("Ingestion run finished{}: {} episodes seen, {} indexed, {} failed, {} waiting for a speech"
                            + " model, {} downloads, {} of {} feeds failed",
                    stopping.get() ? " (stopped by shutdown)" : "", summary.episodesSeen(),
                    summary.episodesIndexed(), summary.episodesFailed(), summary.episodesWaiting(),
                    summary.downloads(), summary.feedsFailed(), summary.feeds().size());
        }
        return lastRun.get();
    }

    private List<Feed> feedsOrNone() {
        try {
            return feeds.feeds();
        } catch (RuntimeException e) {
            log.error("Ingestion run: cannot read the feed list: {}", e.getMessage());
            return List.of();
        }
    }

    private void ingestFeed(Feed feed, RunState run) {
        readFeed(feed, run);
        if (stopping.get()) {
            return;
        }
        List<EpisodeRecord> pending;
        try {
            pending = store.needingWork(feed.name());
        } catch (RuntimeException e) {
            log.error("Feed '{}': cannot read its episodes: {}", feed.name(), e.getMessage());
            return;
        }
        if (pending.isEmpty()) {
            log.info("Feed '{}': no episode needs work", feed.name());
            return;
        }
        log.info("Feed '{}': {} episodes need work", feed.name(), pending.size());
        List<Future<?>> jobs = new ArrayList<>();
        for (EpisodeRecord episode : pending) {
            jobs.add(workerPool.submit(() -> work(episode, run)));
        }
        for (Future<?> job : jobs) {
            try {
                job.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jobs.forEach(j -> j.cancel(true));
                return;
            } catch (ExecutionException e) {
                log.error("Feed '{}': an episode job failed unexpectedly", feed.name(), e.getCause());
            }
        }
    }

    private void work(EpisodeRecord episode, RunState run) {
        if (stopping.get()) {
            return;
        }
        Optional<EpisodeClaim> claim = store.claim(episode.id(), instanceId);
        if (claim.isEmpty()) {
            log.debug("Episode {}: taken or finished by someone else; skipped", episode.id());
            return;
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
    }

    /** Fetches (conditionally), reads and records one feed; failures are recorded on the feed, never thrown. */
    private void readFeed(Feed feed, RunState run) {
        FeedValidators validators;
        try {
            validators = feeds.validators(feed);
        } catch (RuntimeException e) {
            validators = FeedValidators.NONE;
        }
        try {
            FeedFetchResult result = fetcher.fetch(feed, validators);
            if (result instanceof FeedFetchResult.NotModified notModified) {
                feeds.recordNotModified(feed, notModified.validators());
                run.feeds.add(new FeedOutcome(feed.name(), "not-modified", 0, null));
                log.info("Feed '{}': not modified since the last fetch (304)", feed.name());
                return;
            }
            FeedFetchResult.Fetched fetched = (FeedFetchResult.Fetched) result;
            ParsedFeed parsed = reader.read(feed, fetched.body());
            parsed.problems().stream().limit(20).forEach(p -> log.info("Feed '{}': {}", feed.name(), p));
            if (parsed.problems().size() > 20) {
                log.info("Feed '{}': {} more problems (see GET /api/feeds)", feed.name(), parsed.problems().size() - 20);
            }
            int created = 0;
            List<String> ids = new ArrayList<>();
            for (Episode episode : parsed.episodes()) {
                if (store.upsertFromFeed(episode) == EpisodeStore.Upsert.CREATED) {
                    created++;
                }
                ids.add(episode.id());
            }
            store.refresh();
            int removed = store.markRemovedFromFeed(feed.name(), ids);
            store.refresh();
            feeds.recordRead(feed, fetched.validators(), parsed.episodes().size(), parsed.problems());
            run.seen.addAndGet(parsed.episodes().size());
            run.feeds.add(new FeedOutcome(feed.name(), "fetched", parsed.episodes().size(), null));
            log.info("Feed '{}': {} episodes, {} new, {} no longer listed", feed.name(), parsed.episodes().size(),
                    created, removed);
        } catch (FetchException e) {
            feedFailed(feed, run, e.reason());
        } catch (FeedParseException e) {
            feedFailed(feed, run, e.reason());
        } catch (RuntimeException e) {
            feedFailed(feed, run, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void feedFailed(Feed feed, RunState run, String reason) {
        run.feedsFailed.incrementAndGet();
        run.feeds.add(new FeedOutcome(feed.name(), "failed", 0, reason));
        log.warn("Feed '{}' ({}): FAILED: {}", feed.name(), feed.url(), reason);
        try {
            feeds.recordFailure(feed, reason);
        } catch (RuntimeException e) {
            log.error("Feed '{}': the failure could not be recorded: {}", feed.name(), e.getMessage());
        }
    }

    /**
     * Stops the run in progress (shutdown): no new episode is started, running ones are interrupted and released as
     * they are; waits up to 30 s for that.
     */
    @PreDestroy
    public void stop() {
        stopping.set(true);
        if (running.get()) {
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
