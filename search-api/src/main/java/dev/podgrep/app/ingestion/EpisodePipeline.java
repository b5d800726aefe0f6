package dev.podgrep.app.ingestion;

import dev.podgrep.app.episodes.ClaimLostException;
import dev.podgrep.app.episodes.EpisodeClaim;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.search.TranscriptIndexer;
import dev.podgrep.app.transcription.EpisodeTranscriber;
import dev.podgrep.app.transcription.SpeechModelUnavailableException;
import dev.podgrep.ingest.episode.TranscriptLink;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.fetch.AudioDownloader;
import dev.podgrep.ingest.fetch.DownloadedAudio;
import dev.podgrep.ingest.fetch.FeedFetchResult;
import dev.podgrep.ingest.fetch.FeedFetcher;
import dev.podgrep.ingest.fetch.FeedValidators;
import dev.podgrep.ingest.fetch.FetchException;
import dev.podgrep.transcribe.audio.AudioDecodingException;
import dev.podgrep.transcribe.format.PublisherTranscriptReader;
import dev.podgrep.transcribe.format.TranscriptFormatException;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Takes one claimed episode as far as it can go: publisher transcript (SRT/WebVTT/JSON) when the feed offers a
 * usable one, else audio download → Vosk transcription → index. Every step is recorded on the episode, so a run
 * that stops midway is continued by the next one from the last recorded step; every failure is recorded with a
 * readable reason.
 */
final class EpisodePipeline {

    /** What became of an episode. */
    enum Outcome { INDEXED, FAILED, WAITING, STOPPED, LOST }

    private static final Logger log = LoggerFactory.getLogger(EpisodePipeline.class);
    private static final Set<String> PREFERRED_TYPES = Set.of("application/x-subrip", "application/srt", "text/srt",
            "text/x-srt", "text/vtt", "application/json");

    private final EpisodeStore store;
    private final FeedFetcher fetcher;
    private final PublisherTranscriptReader transcriptReader;
    private final AudioDownloader downloader;
    private final EpisodeTranscriber transcriber;
    private final TranscriptIndexer indexer;
    private final TranscriptFiles transcriptFiles;
    private final BooleanSupplier stopping;

    EpisodePipeline(EpisodeStore store, FeedFetcher fetcher, PublisherTranscriptReader transcriptReader,
                    AudioDownloader downloader, EpisodeTranscriber transcriber, TranscriptIndexer indexer,
                    TranscriptFiles transcriptFiles, BooleanSupplier stopping) {
        this.store = store;
        this.fetcher = fetcher;
        this.transcriptReader = transcriptReader;
        this.downloader = downloader;
        this.transcriber = transcriber;
        this.indexer = indexer;
        this.transcriptFiles = transcriptFiles;
        this.stopping = stopping;
    }

    Outcome process(EpisodeClaim claim, RunState run) {
        EpisodeRecord episode = claim.episode();
        String name = describe(episode);
        try {
            return ingest(claim, run, name);
        } catch (ClaimLostException e) {
            log.warn("{}: {}", name, e.getMessage());
            return Outcome.LOST;
        } catch (InterruptedException | InterruptedIOException e) {
            return stopped(claim, name);
        } catch (FetchException e) {
            if (stopping.getAsBoolean()) {
                return stopped(claim, name);
            }
            return fail(claim, name, e.reason(), e.retryable());
        } catch (AudioDecodingException e) {
            discardAudio(claim);
            return fail(claim, name, "the audio cannot be decoded: " + e.reason(), false);
        } catch (IOException | RuntimeException e) {
            if (stopping.getAsBoolean()) {
                return stopped(claim, name);
            }
            log.warn("{}: unexpected failure", name, e);
            return fail(claim, name, e.getMessage() == null ? e.toString() : e.getMessage(), true);
        }
    }

    private Outcome ingest(EpisodeClaim claim, RunState run, String name)
            throws IOException, FetchException, InterruptedException {
        EpisodeRecord episode = claim.episode();
        progress(run, episode, IngestionStage.CLAIMED, null);

        if (episode.status() == EpisodeStatus.TRANSCRIBED && episode.transcriptFile() != null
                && Files.isRegularFile(Path.of(episode.transcriptFile()))) {
            try {
                TimedTranscript saved = transcriptFiles.read(Path.of(episode.transcriptFile()));
                log.info("{}: resuming with the transcript saved by an earlier run", name);
                return index(claim, run, name, saved, episode.transcriptNote());
            } catch (TranscriptFormatException e) {
                log.warn("{}: the saved transcript {} is unreadable ({}); transcribing again", name,
                        episode.transcriptFile(), e.getMessage());
            }
        }

        String note = null;
        List<TranscriptLink> candidates = publisherTranscripts(episode);
        if (!candidates.isEmpty()) {
            progress(run, episode, IngestionStage.FETCHING_TRANSCRIPT, null);
            List<String> problems = new ArrayList<>();
            for (TranscriptLink link : candidates) {
                try {
                    TimedTranscript transcript = fetchPublisherTranscript(episode, link);
                    log.info("{}: using the publisher transcript {} ({} words)", name, link.url(),
                            transcript.wordCount());
                    return index(claim, run, name, transcript, null);
                } catch (FetchException e) {
                    if (stopping.getAsBoolean()) {
                        throw e;
                    }
                    problems.add(e.reason());
                } catch (TranscriptFormatException e) {
                    problems.add(link.url() + ": " + e.getMessage());
                }
            }
            note = "publisher transcript unusable (" + String.join("; ", problems) + "); transcribed with ASR";
            log.warn("{}: {}", name, note);
        } else if (!episode.transcripts().isEmpty()) {
            note = "publisher transcript offered only as " + episode.transcripts().getFirst().type()
                    + " (no cue times); transcribed with ASR";
        }

        if (episode.audioUrl() == null) {
            return fail(claim, name, "the feed gives no audio enclosure" + (note == null ? "" : "; " + note), false);
        }
        try {
            transcriber.requireModel(episode.language());
        } catch (SpeechModelUnavailableException e) {
            store.release(claim, "waiting for the speech model: " + e.getMessage());
            log.info("{}: waits for the '{}' speech model (left {})", name, episode.language(),
                    claim.episode().status());
            return Outcome.WAITING;
        }

        Path audio = download(claim, run, name);
        TimedTranscript transcript = transcribe(claim, run, name, audio);
        if (!transcript.complete()) {
            String partial = "the audio decoded only in part; the transcript covers what decoded";
            note = note == null ? partial : note + "; " + partial;
        }
        Path saved = transcriptFiles.save(episode.id(), transcript);
        store.transcribed(claim, saved.toString(), note);
        return index(claim, run, name, transcript, note);
    }

    private Path download(EpisodeClaim claim, RunState run, String name) throws FetchException, IOException {
        EpisodeRecord episode = claim.episode();
        if (episode.audioFileUrl() != null && !episode.audioFileUrl().equals(episode.audioUrl())) {
            log.info("{}: the enclosure URL changed from {} to {}; discarding the cached audio", name,
                    episode.audioFileUrl(), episode.audioUrl());
            discardAudio(claim);
        }
        progress(run, claim.episode(), IngestionStage.DOWNLOADING, null);
        DownloadedAudio audio = downloader.download(episode.id(), episode.audioUrl());
        if (!audio.alreadyPresent()) {
            run.downloads.incrementAndGet();
            log.info("{}: downloaded {} bytes", name, audio.bytes());
        }
        if (claim.episode().status() != EpisodeStatus.DOWNLOADED
                || !audio.file().toString().equals(claim.episode().audioFile())) {
            store.downloaded(claim, audio.file().toString(), episode.audioUrl());
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
        OptionalDouble hint = episode.durationSeconds() == null ? OptionalDouble.empty()
                : OptionalDouble.of(episode.durationSeconds());
        try {
            TimedTranscript transcript = transcriber.transcribe(episode.language(), audio, hint, (done, total) -> {
                if (total.isEmpty() || total.getAsDouble() <= 0) {
                    return;
                }
                int percent = (int) Math.min(100, Math.floor(100 * done / total.getAsDouble()));
                progress(run, episode, IngestionStage.TRANSCRIBING, percent);
                if (percent / 10 > lastDecile[0] && percent < 100) {
                    lastDecile[0] = percent / 10;
                    log.info("{}: transcribed {}% ({} of {} s)", name, percent, Math.round(done),
                            Math.round(total.getAsDouble()));
                    store.renewIfHalfExpired(claim);
                }
            });
            log.info("{}: transcribed {} words in {} s", name, transcript.wordCount(),
                    Math.round((System.nanoTime() - started) / 1e9));
            return transcript;
        } catch (SpeechModelUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);  // checked just before; cannot vanish in between
        }
    }

    private Outcome index(EpisodeClaim claim, RunState run, String name, TimedTranscript transcript, String note) {
        progress(run, claim.episode(), IngestionStage.INDEXING, null);
        int segments = indexer.index(claim.episode().toEpisode(), transcript);
        store.indexed(claim, transcript.source().wireName(), segments, note);
        log.info("{}: INDEXED ({} segments, {} transcript){}", name, segments, transcript.source().wireName(),
                note == null ? "" : "; note: " + note);
        return Outcome.INDEXED;
    }

    private TimedTranscript fetchPublisherTranscript(EpisodeRecord episode, TranscriptLink link)
            throws FetchException, TranscriptFormatException {
        // a transcript is a small document fetched like a feed: same client, retries, redirects and size cap
        FeedFetchResult result = fetcher.fetch(new Feed(link.url(), episode.feed(), episode.language()),
                FeedValidators.NONE);
        if (!(result instanceof FeedFetchResult.Fetched fetched)) {
            throw new FetchException("unexpected 304 Not Modified for " + link.url(), link.url(), 304, true, null);
        }
        String type = link.type() != null ? link.type() : fetched.contentType();
        TimedTranscript transcript = transcriptReader.read(type, fetched.body(),
                link.language() != null ? link.language() : episode.language());
        if (transcript.wordCount() == 0) {
            throw new TranscriptFormatException("transcript", 0, "it holds no words");
        }
        return new TimedTranscript(transcript.segments(), TranscriptSource.PUBLISHER, transcript.language(),
                transcript.complete());
    }

    /** Transcript links worth fetching: not HTML, in the episode's language; SRT/VTT/JSON declared ones first. */
    static List<TranscriptLink> publisherTranscripts(EpisodeRecord episode) {
        return episode.transcripts().stream()
                .filter(link -> link.url() != null && !link.url().isBlank())
                .filter(link -> !normalisedType(link).contains("html"))
                .filter(link -> link.language() == null || episode.language() == null
                        || link.language().toLowerCase(Locale.ROOT).startsWith(episode.language()))
                .sorted(Comparator.comparing(link -> PREFERRED_TYPES.contains(normalisedType(link)) ? 0 : 1))
                .toList();
    }

    private static String normalisedType(TranscriptLink link) {
        return link.type() == null ? "" : link.type().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
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
        if (claim.episode().audioFile() != null) {
            store.audioDiscarded(claim);
        }
    }

    private Outcome fail(EpisodeClaim claim, String name, String reason, boolean retryable) {
        Thread.interrupted();
        try {
            store.failed(claim, reason, retryable);
        } catch (RuntimeException e) {
            log.error("{}: FAILED ({}) but the failure could not be recorded: {}", name, reason, e.getMessage());
            return Outcome.FAILED;
        }
        EpisodeRecord after = claim.episode();
        String next = !retryable ? "not retried until the feed changes its audio URL"
                : after.attempts() < store.maxAttempts() ? "retried on a later run (attempt " + after.attempts()
                + " of " + store.maxAttempts() + ")" : "no more retries (" + after.attempts() + " attempts)";
        log.warn("{}: FAILED: {}; {}", name, reason, next);
        return Outcome.FAILED;
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
