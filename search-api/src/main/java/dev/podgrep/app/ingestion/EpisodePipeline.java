package dev.podgrep.app.ingestion;

import dev.podgrep.app.audio.AudioCache;
import dev.podgrep.app.elasticsearch.ElasticsearchOutage;
import dev.podgrep.app.episodes.ClaimLostException;
import dev.podgrep.app.episodes.EpisodeClaim;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.episodes.IngestionState;
import dev.podgrep.app.episodes.Provenance;
import dev.podgrep.app.recognition.EpisodeTranscriber;
import dev.podgrep.app.recognition.SpeechModelUnavailableException;
import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.ingest.episode.TranscriptLink;
import dev.podgrep.ingest.fetch.AudioDownloader;
import dev.podgrep.ingest.fetch.DownloadedAudio;
import dev.podgrep.ingest.fetch.FetchException;
import dev.podgrep.transcribe.audio.AudioDecodingException;
import dev.podgrep.transcribe.audio.DecoderStartException;
import dev.podgrep.transcribe.transcript.TranscriptTooLongException;
import dev.podgrep.transcribe.format.TranscriptFormatException;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Takes one claimed episode as far as it can go, by the first of three paths that applies:
 * <ol>
 *   <li>{@linkplain #resumeSavedTranscript resume}: an earlier run transcribed it (TRANSCRIBED, transcript saved)
 *       but stopped before indexing: index the saved transcript;</li>
 *   <li>{@linkplain #tryPublisherTranscripts the publisher's transcript}: the feed announces a usable one (SRT,
 *       WebVTT, JSON): fetch, read and index it, without touching the audio;</li>
 *   <li>{@linkplain #transcribeAudio transcribe the audio}: download (→ DOWNLOADED), Vosk (→ TRANSCRIBED, transcript
 *       saved), index (→ INDEXED).</li>
 * </ol>
 * Every step is recorded on the episode, so a run that stops midway is continued by the next one from the last
 * recorded step; every failure is recorded with a readable reason. Only the worker thread that claimed the
 * episode touches its claim (the claim is renewed from that thread while Vosk works, see
 * {@link EpisodeTranscriber#transcribe}).
 */
@Component
class EpisodePipeline {

    /** What became of an episode. */
    enum Outcome { INDEXED, FAILED, WAITING, STOPPED, LOST }

    private static final Logger log = LoggerFactory.getLogger(EpisodePipeline.class);
    /** How long a worker waits for Elasticsearch to answer again (a node restarting) before it gives up. */
    static final long GIVE_BACK_SECONDS = 120;

    private final EpisodeStore store;
    private final PublisherTranscripts publisher;
    private final AudioDownloader downloader;
    private final EpisodeTranscriber transcriber;
    private final TranscriptIndexer indexer;
    private final TranscriptFiles transcriptFiles;
    private final DiskSpace diskSpace;
    private final IngestionMetrics metrics;
    private final AudioCache audioCache;

    EpisodePipeline(EpisodeStore store, PublisherTranscripts publisher, AudioDownloader downloader,
                    EpisodeTranscriber transcriber, TranscriptIndexer indexer, TranscriptFiles transcriptFiles,
                    DiskSpace diskSpace, IngestionMetrics metrics, AudioCache audioCache) {
        this.metrics = metrics;
        this.audioCache = audioCache;
        this.store = store;
        this.publisher = publisher;
        this.downloader = downloader;
        this.transcriber = transcriber;
        this.indexer = indexer;
        this.transcriptFiles = transcriptFiles;
        this.diskSpace = diskSpace;
    }

    /** Processes one claimed episode; never throws for the episode's own failures (they are recorded). */
    Outcome process(EpisodeClaim claim, RunState run) {
        String name = describe(claim.episode());
        try {
            progress(run, claim.episode(), IngestionStage.CLAIMED, null);
            if (claim.episode().state().retranscribing()) {
                log.info("{}: transcribing again with the current speech model (the indexed transcript stays"
                        + " searchable until the new one replaces it)", name);
                return transcribeAudio(claim, run, name, null);
            }
            Optional<Outcome> resumed = resumeSavedTranscript(claim, run, name);
            if (resumed.isPresent()) {
                return resumed.get();
            }
            PublisherAttempt publisherAttempt = tryPublisherTranscripts(claim, run, name);
            if (publisherAttempt.outcome() != null) {
                return publisherAttempt.outcome();
            }
            return transcribeAudio(claim, run, name, publisherAttempt.note());
        } catch (ClaimLostException e) {
            log.warn("{}: {}", name, e.getMessage());
            return Outcome.LOST;
        } catch (InterruptedException | InterruptedIOException e) {
            return stopped(claim, name);
        } catch (FetchException e) {
            if (run.stopRequested()) {
                return stopped(claim, name);
            }
            if (e.budgetRanOut()) {
                return outOfTime(claim, name, e.reason());
            }
            if (!e.retryable()) {
                discardAudio(claim);   // nothing to resume: leave no partial file behind
            }
            return fail(claim, run, name, e.reason(), e.retryable());
        } catch (UncheckedIOException e) {
            // Elasticsearch did not answer (a node restarting, a network split): not the episode's fault
            return giveBackWhenElasticsearchAnswers(claim, run, name, e);
        } catch (AudioDecodingException e) {
            discardAudio(claim);
            return fail(claim, run, name, "the audio cannot be decoded: " + e.reason(), false);
        } catch (TranscriptTooLongException e) {
            return fail(claim, run, name, e.getMessage(), false);
        } catch (DecoderStartException e) {
            // podgrep could not start its decoder process: not the episode's fault
            log.error("{}: {}", name, e.getMessage());
            store.release(claim, "waiting: the audio decoder could not start (" + e.getMessage() + ")");
            return Outcome.WAITING;
        } catch (IOException | RuntimeException e) {
            if (run.stopRequested()) {
                return stopped(claim, name);
            }
            if (e instanceof RuntimeException answer && ElasticsearchOutage.is(answer)) {
                // Elasticsearch answered "not now" (503: a restarted node whose shards still recover, a cluster that
                // lost the node holding a shard; 429: overloaded): not the episode's fault either
                return giveBackWhenElasticsearchAnswers(claim, run, name, answer);
            }
            log.warn("{}: unexpected failure", name, e);
            return fail(claim, run, name, e.getMessage() == null ? e.toString() : e.getMessage(), true);
        }
    }

    /** Path 1: a transcript saved by an earlier run that stopped before indexing is indexed now. */
    private Optional<Outcome> resumeSavedTranscript(EpisodeClaim claim, RunState run, String name) throws IOException {
        IngestionState state = claim.episode().state();
        if (state.status() != EpisodeStatus.TRANSCRIBED || state.transcriptFile() == null
                || !Files.isRegularFile(Path.of(state.transcriptFile()))) {
            return Optional.empty();
        }
        try {
            TimedTranscript saved = transcriptFiles.read(Path.of(state.transcriptFile()));
            log.info("{}: resuming with the transcript saved by an earlier run", name);
            Provenance provenance = state.savedTranscript() != null ? state.savedTranscript()
                    : new Provenance(saved.source(), null, null, null);
            return Optional.of(index(claim, run, name, saved, provenance, state.transcriptNote()));
        } catch (TranscriptFormatException e) {
            log.warn("{}: the saved transcript {} is unreadable ({}); transcribing again", name,
                    state.transcriptFile(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Either the episode's outcome (a publisher transcript was indexed), or a note on why none was usable. */
    private record PublisherAttempt(Outcome outcome, String note) {
    }

    /** Path 2: the first usable publisher transcript is indexed; else a note says why ASR is needed. */
    private PublisherAttempt tryPublisherTranscripts(EpisodeClaim claim, RunState run, String name)
            throws FetchException {
        EpisodeRecord episode = claim.episode();
        List<TranscriptLink> candidates = PublisherTranscripts.candidates(episode);
        if (candidates.isEmpty()) {
            return new PublisherAttempt(null, episode.listing().transcripts().isEmpty() ? null
                    : "publisher transcript offered only as " + episode.listing().transcripts().getFirst().type()
                    + " (no cue times); transcribed with ASR");
        }
        progress(run, episode, IngestionStage.FETCHING_TRANSCRIPT, null);
        List<String> problems = new ArrayList<>();
        for (TranscriptLink link : candidates) {
            long started = System.nanoTime();
            try {
                TimedTranscript transcript = publisher.fetch(episode, link, run.deadlineFor(episode.feed()));
                log.info("{}: using the publisher transcript {} ({} words)", name, link.url(),
                        transcript.wordCount());
                return new PublisherAttempt(index(claim, run, name, transcript,
                        Provenance.publisher(Instant.now()), null), null);
            } catch (FetchException e) {
                if (run.stopRequested() || e.budgetRanOut()) {
                    throw e;
                }
                problems.add(e.reason());
            } catch (TranscriptFormatException e) {
                problems.add(link.url() + ": " + e.getMessage());
            } finally {
                run.spent(episode.feed(), System.nanoTime() - started);
            }
        }
        String note = "publisher transcript unusable (" + String.join("; ", problems) + "); transcribed with ASR";
        log.warn("{}: {}", name, note);
        return new PublisherAttempt(null, note);
    }

    /** Path 3: download, transcribe with Vosk, save the transcript, index it. */
    private Outcome transcribeAudio(EpisodeClaim claim, RunState run, String name, String note)
            throws IOException, FetchException, InterruptedException {
        EpisodeRecord episode = claim.episode();
        if (episode.listing().audioUrl() == null) {
            return fail(claim, run, name, "the feed gives no audio enclosure" + (note == null ? "" : "; " + note),
                    false);
        }
        try {
            transcriber.requireModel(episode.language());
        } catch (SpeechModelUnavailableException e) {
            store.release(claim, "waiting for the speech model: " + e.getMessage());
            log.info("{}: waits for the '{}' speech model (left {})", name, episode.language(),
                    claim.episode().status());
            return Outcome.WAITING;
        }
        Optional<String> noRoom = diskSpace.shortage();
        if (noRoom.isPresent()) {
            store.release(claim, "waiting for disk space: " + noRoom.get());
            log.warn("{}: waits: {}", name, noRoom.get());
            return Outcome.WAITING;
        }
        Path audio = download(claim, run, name);
        String audioSha256 = sha256(audio);
        TimedTranscript transcript = transcribe(claim, run, name, audio);
        Provenance provenance;
        try {
            provenance = Provenance.asr(transcriber.modelName(episode.language()), audioSha256, Instant.now());
        } catch (SpeechModelUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);  // it just transcribed with that model
        }
        if (!transcript.complete()) {
            String partial = "the audio decoded only in part; the transcript covers what decoded";
            note = note == null ? partial : note + "; " + partial;
        }
        Path saved = transcriptFiles.save(episode.id(), transcript);
        store.transcribed(claim, saved.toString(), note, provenance);
        return index(claim, run, name, transcript, provenance, note);
    }

    private Path download(EpisodeClaim claim, RunState run, String name) throws FetchException, IOException {
        EpisodeRecord episode = claim.episode();
        String url = episode.listing().audioUrl();
        String cachedFrom = episode.state().audioFileUrl();
        if (cachedFrom != null && !cachedFrom.equals(url)) {
            log.info("{}: the enclosure URL changed from {} to {}; discarding the cached audio", name, cachedFrom, url);
            discardAudio(claim);
        }
        progress(run, claim.episode(), IngestionStage.DOWNLOADING, null);
        if (run.budgetSpent(episode.feed()) && downloader.completeFile(episode.id()).isEmpty()) {
            throw FetchException.outOfTime(url, null);
        }
        long started = System.nanoTime();
        DownloadedAudio audio;
        try {
            audio = downloader.download(episode.id(), url, run.deadlineFor(episode.feed()));
        } finally {
            run.spent(episode.feed(), System.nanoTime() - started);
        }
        audioCache.used(audio.file());
        if (!audio.alreadyPresent()) {
            run.downloads.incrementAndGet();
            metrics.downloaded(audio.bytes());
            audioCache.evict();
            log.info("{}: downloaded {} bytes", name, audio.bytes());
        }
        IngestionState state = claim.episode().state();
        if (state.status() != EpisodeStatus.DOWNLOADED && !state.retranscribing()
                || !audio.file().toString().equals(state.audioFile())) {
            store.downloaded(claim, audio.file().toString(), url);
        }
        return audio.file();
    }

    private TimedTranscript transcribe(EpisodeClaim claim, RunState run, String name, Path audio)
            throws IOException, InterruptedException {
        EpisodeRecord episode = claim.episode();
        progress(run, episode, IngestionStage.TRANSCRIBING, 0);
        log.info("{}: transcribing {}", name, audio.getFileName());
        long started = System.nanoTime();
        int[] lastDecile = {0};
        double[] audioSeconds = {0};
        Double duration = episode.listing().durationSeconds();
        OptionalDouble hint = duration == null ? OptionalDouble.empty() : OptionalDouble.of(duration);
        try {
            TimedTranscript transcript = transcriber.transcribe(episode.language(), audio, hint, (done, total) -> {
                audioSeconds[0] = Math.max(audioSeconds[0], done);
                if (total.isEmpty() || total.getAsDouble() <= 0) {
                    return;
                }
                int percent = (int) Math.min(100, Math.floor(100 * done / total.getAsDouble()));
                progress(run, episode, IngestionStage.TRANSCRIBING, percent);
                if (percent / 10 > lastDecile[0] && percent < 100) {
                    lastDecile[0] = percent / 10;
                    log.info("{}: transcribed {}% ({} of {} s)", name, percent, Math.round(done),
                            Math.round(total.getAsDouble()));
                }
            }, () -> store.renewIfHalfExpired(claim));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            metrics.transcribed(audioSeconds[0], took);
            log.info("{}: transcribed {} words in {} s", name, transcript.wordCount(), took.toSeconds());
            return transcript;
        } catch (SpeechModelUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);  // checked just before; cannot vanish in between
        }
    }

    private Outcome index(EpisodeClaim claim, RunState run, String name, TimedTranscript transcript,
                          Provenance provenance, String note) {
        progress(run, claim.episode(), IngestionStage.INDEXING, null);
        int segments = indexer.index(claim.episode().toEpisode(), transcript);
        store.indexed(claim, provenance, segments, note);
        log.info("{}: INDEXED ({} segments, {} transcript){}", name, segments, transcript.source().wireName(),
                note == null ? "" : "; note: " + note);
        return Outcome.INDEXED;
    }

    /** The SHA-256 (hex) of the audio file the words are recognised from, for the transcript's provenance. */
    private static String sha256(Path audio) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(audio), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void discardAudio(EpisodeClaim claim) {
        String id = claim.episode().id();
        try {
            for (Path file : downloader.completeFile(id).stream().toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(downloader.partialFile(id));
        } catch (IOException e) {
            log.warn("Episode {}: cannot delete its cached audio: {}", id, e.toString());
        }
        if (claim.episode().state().audioFile() != null) {
            store.audioDiscarded(claim);
        }
    }

    private Outcome fail(EpisodeClaim claim, RunState run, String name, String reason, boolean retryable) {
        Thread.interrupted();
        if (claim.episode().state().retranscribing()) {
            try {
                store.retranscriptionFailed(claim, reason);
                log.warn("{}: re-transcription FAILED: {}; the indexed transcript stays", name, reason);
            } catch (RuntimeException e) {
                log.error("{}: re-transcription FAILED ({}) and could not be recorded: {}", name, reason,
                        e.getMessage());
            }
            return Outcome.FAILED;
        }
        if (!recordFailure(claim, run, name, reason, retryable)) {
            return Outcome.FAILED;
        }
        int attempts = claim.episode().state().attempts();
        String next = !retryable ? "not retried until the feed changes its audio URL"
                : attempts < store.maxAttempts() ? "retried on a later run (attempt " + attempts + " of "
                + store.maxAttempts() + ")" : "no more retries (" + attempts + " attempts)";
        log.warn("{}: FAILED: {}; {}", name, reason, next);
        return Outcome.FAILED;
    }

    /**
     * Records the episode's own failure; while Elasticsearch is out ({@link ElasticsearchOutage}: the audio host
     * failed just as the node died) it tries again every 2 s for up to {@value #GIVE_BACK_SECONDS} s, as
     * {@link #giveBackWhenElasticsearchAnswers} does. Without this the failure went unrecorded: the episode stayed
     * claimed until its claim lapsed, and the worker went on to claim the next episodes while Elasticsearch was
     * still down, skipping through the whole queue of the run.
     *
     * @return whether the failure is recorded (if not, the claim lapses by itself and the attempt stays counted)
     */
    private boolean recordFailure(EpisodeClaim claim, RunState run, String name, String reason, boolean retryable) {
        long deadline = System.nanoTime() + GIVE_BACK_SECONDS * 1_000_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                store.failed(claim, reason, retryable);
                return true;
            } catch (RuntimeException e) {
                if (!ElasticsearchOutage.is(e) || run.stopRequested() || System.nanoTime() > deadline) {
                    log.error("{}: FAILED ({}) but the failure could not be recorded: {}", name, reason,
                            e.getMessage());
                    return false;
                }
                if (attempt == 1) {
                    log.warn("{}: FAILED ({}); Elasticsearch does not answer, the failure is recorded once it does",
                            name, reason);
                }
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException stop) {
                    log.error("{}: FAILED ({}); stopped before the failure could be recorded", name, reason);
                    return false;
                }
            }
        }
    }

    /**
     * Gives the episode back (its attempt not counted) once Elasticsearch answers again, trying for up to
     * {@value #GIVE_BACK_SECONDS} s; if it never does, the claim lapses by itself and the attempt stays counted.
     */
    private Outcome giveBackWhenElasticsearchAnswers(EpisodeClaim claim, RunState run, String name,
                                                     RuntimeException cause) {
        metrics.elasticsearchError("ingest episode");
        log.warn("{}: Elasticsearch did not answer ({}); the episode is given back for a later run", name,
                cause.getMessage());
        Thread.interrupted();
        long deadline = System.nanoTime() + GIVE_BACK_SECONDS * 1_000_000_000L;
        while (true) {
            try {
                store.release(claim, null);
                return Outcome.WAITING;
            } catch (ClaimLostException e) {
                return Outcome.LOST;
            } catch (RuntimeException e) {
                if (run.stopRequested() || System.nanoTime() > deadline) {
                    log.warn("{}: could not give the episode back ({}); its claim lapses by itself", name,
                            e.getMessage());
                    return Outcome.WAITING;
                }
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException stop) {
                    return Outcome.STOPPED;
                }
            }
        }
    }

    /**
     * The feed's network time for this run is spent (a slow or hostile host): the episode is given back, not failed
     * and its attempt not counted; a partial download is kept and resumed on the next run.
     */
    private Outcome outOfTime(EpisodeClaim claim, String name, String reason) {
        Thread.interrupted();
        try {
            store.release(claim, "waiting: " + reason + "; continued on the next run");
        } catch (RuntimeException e) {
            log.info("{}: {}; its claim lapses by itself ({})", name, reason, e.getMessage());
            return Outcome.WAITING;
        }
        log.info("{}: {}; continued on the next run (podgrep.ingest.feed-budget)", name, reason);
        return Outcome.WAITING;
    }

    private Outcome stopped(EpisodeClaim claim, String name) {
        Thread.interrupted();   // the release below must reach Elasticsearch
        try {
            store.release(claim, null);
            log.info("{}: stopped by shutdown at {}; the next run continues from there", name,
                    claim.episode().status());
        } catch (RuntimeException e) {
            log.info("{}: stopped by shutdown; its claim lapses by itself ({})", name, e.getMessage());
        }
        return Outcome.STOPPED;
    }

    private static void progress(RunState run, EpisodeRecord episode, IngestionStage stage, Integer percent) {
        run.progress(new EpisodeProgress(episode.feed(), episode.id(), episode.title(), stage, percent));
    }

    static String describe(EpisodeRecord episode) {
        return "Feed '" + episode.feed() + "', episode " + episode.id() + " ('" + episode.title() + "')";
    }
}
