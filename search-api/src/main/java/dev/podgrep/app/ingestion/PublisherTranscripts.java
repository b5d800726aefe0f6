package dev.podgrep.app.ingestion;

import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.ingest.episode.TranscriptLink;
import dev.podgrep.ingest.fetch.FeedFetcher;
import dev.podgrep.ingest.fetch.FetchException;
import dev.podgrep.ingest.fetch.FetchedDocument;
import dev.podgrep.transcribe.format.PublisherTranscriptReader;
import dev.podgrep.transcribe.format.TranscriptFormatException;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The publisher's own transcripts of an episode ({@code podcast:transcript}): which of the announced ones are worth
 * fetching, and fetching and reading one (SRT, WebVTT, Podcasting 2.0 JSON) into a timed transcript.
 */
@Component
class PublisherTranscripts {

    private static final Set<String> PREFERRED_TYPES = Set.of("application/x-subrip", "application/srt", "text/srt",
            "text/x-srt", "text/vtt", "application/json");

    private final FeedFetcher fetcher;
    private final PublisherTranscriptReader reader;

    PublisherTranscripts(FeedFetcher fetcher, PublisherTranscriptReader reader) {
        this.fetcher = fetcher;
        this.reader = reader;
    }

    /** Transcript links worth fetching: not HTML, in the episode's language; SRT/VTT/JSON declared ones first. */
    static List<TranscriptLink> candidates(EpisodeRecord episode) {
        return episode.listing().transcripts().stream()
                .filter(link -> link.url() != null && !link.url().isBlank())
                .filter(link -> !normalisedType(link).contains("html"))
                .filter(link -> link.language() == null || episode.language() == null
                        || link.language().toLowerCase(Locale.ROOT).startsWith(episode.language()))
                .sorted(Comparator.comparing(link -> PREFERRED_TYPES.contains(normalisedType(link)) ? 0 : 1))
                .toList();
    }

    /**
     * Fetches (a plain GET, at most {@link FeedFetcher#DEFAULT_MAX_TRANSCRIPT_BYTES}) and reads one transcript.
     *
     * @param deadline when the feed's time budget for this run runs out
     * @throws FetchException             when it cannot be fetched
     * @throws TranscriptFormatException  when it is not a timed transcript podgrep can read, or holds no words
     */
    TimedTranscript fetch(EpisodeRecord episode, TranscriptLink link, Instant deadline)
            throws FetchException, TranscriptFormatException {
        FetchedDocument fetched = fetcher.fetchDocument(link.url(), FeedFetcher.DEFAULT_MAX_TRANSCRIPT_BYTES,
                deadline);
        String type = link.type() != null ? link.type() : fetched.contentType();
        TimedTranscript transcript = reader.read(type, fetched.body(),
                link.language() != null ? link.language() : episode.language());
        if (transcript.wordCount() == 0) {
            throw new TranscriptFormatException("transcript", 0, "it holds no words");
        }
        return new TimedTranscript(transcript.segments(), TranscriptSource.PUBLISHER, transcript.language(),
                transcript.complete());
    }

    private static String normalisedType(TranscriptLink link) {
        return link.type() == null ? "" : link.type().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
