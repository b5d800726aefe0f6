package dev.podgrep.app.episodes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.transcribe.transcript.TranscriptSource;

import java.time.Instant;

/**
 * Where the ingestion of an episode stands: changed only by the instance holding the episode's claim (and by the
 * feed listing when it gives a FAILED episode a new enclosure).
 *
 * @param status           see {@link EpisodeStatus}
 * @param error            why the last attempt failed (or what was odd about a success, e.g. a publisher
 *                         transcript that could not be used), or null
 * @param errorRetryable   whether that failure may go away by itself (network, 5xx): a later run retries it up to
 *                         {@code podgrep.ingest.max-attempts}; false for 404, not audio...: those wait until the
 *                         feed changes the enclosure URL
 * @param attempts         failed attempts so far. An attempt is counted when an instance claims the episode and
 *                         taken back when it succeeds or is given back for reasons that are not the episode's
 *                         (shutdown, no speech model, Elasticsearch unreachable, disk full); so an attempt whose
 *                         process died (a crash on this episode's audio, a kill) stays counted, and an episode that
 *                         kills podgrep is given up after {@code max-attempts}
 * @param audioFile        the downloaded audio file, or null
 * @param audioFileUrl     the enclosure URL {@code audioFile} was downloaded from
 * @param transcriptFile   the ASR transcript saved at TRANSCRIBED (podgrep JSON), or null
 * @param transcriptNote   how the transcript came about when worth knowing (e.g. ASR after a broken publisher
 *                         transcript), or why the episode waits (no speech model for its language)
 * @param segments         segments in the index once INDEXED
 * @param indexedAt        when it became searchable, or null
 * @param updatedAt        last change of the episode's record
 * @param transcript       where the transcript in the index came from, once INDEXED, else null
 * @param savedTranscript  where the transcript saved at TRANSCRIBED (not yet indexed) came from, else null
 * @param retranscribeRequestedAt when an operator asked for this INDEXED episode's audio to be transcribed again
 *                         (with the speech model configured now); null when not asked, or once done. The old
 *                         transcript stays searchable meanwhile, and the status stays INDEXED
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IngestionState(EpisodeStatus status, String error, boolean errorRetryable, int attempts,
                             String audioFile, String audioFileUrl, String transcriptFile, String transcriptNote,
                             Integer segments, Instant indexedAt, Instant updatedAt, Provenance transcript,
                             Provenance savedTranscript, Instant retranscribeRequestedAt) {

    /** The state of an episode just seen in its feed. */
    static IngestionState fresh(Instant now) {
        return new IngestionState(EpisodeStatus.NEW, null, false, 0, null, null, null, null, null, null, now, null, null,
                null);
    }

    /** Whether the ingestion should (re)process the episode, claims aside (see {@link EpisodeRecord#needsWorkAt}). */
    boolean needsWork(int maxAttempts) {
        return status.inProgress() || status == EpisodeStatus.FAILED && errorRetryable && attempts < maxAttempts
                || retranscribing();
    }

    /** Whether an operator asked for this INDEXED episode to be transcribed again and it has not been yet. */
    @JsonIgnore
    public boolean retranscribing() {
        return status == EpisodeStatus.INDEXED && retranscribeRequestedAt != null;
    }

    /** Published before {@code podgrep.ingest.since}: SKIPPED, nothing to do. */
    IngestionState skipped() {
        return new IngestionState(EpisodeStatus.SKIPPED, null, false, 0, audioFile, audioFileUrl, transcriptFile,
                transcriptNote, segments, indexedAt, updatedAt, transcript, savedTranscript, retranscribeRequestedAt);
    }

    /** A FAILED episode given another chance by an operator: NEW, no attempts counted, no error. */
    IngestionState retried() {
        return new IngestionState(EpisodeStatus.NEW, null, false, 0, audioFile, audioFileUrl, transcriptFile, null,
                segments, indexedAt, updatedAt, transcript, savedTranscript, null);
    }

    /** A re-transcription failed: still INDEXED with the old transcript, the request dropped, the reason noted. */
    IngestionState retranscriptionFailed(String reason) {
        return new IngestionState(EpisodeStatus.INDEXED, "re-transcription failed: " + reason, false,
                Math.max(0, attempts - 1), audioFile, audioFileUrl, transcriptFile, transcriptNote, segments, indexedAt,
                updatedAt, transcript, null, null);
    }

    /** An INDEXED ASR episode queued for transcription again at {@code at}. */
    IngestionState retranscribeRequested(Instant at) {
        return new IngestionState(status, error, errorRetryable, attempts, audioFile, audioFileUrl, transcriptFile,
                transcriptNote, segments, indexedAt, updatedAt, transcript, savedTranscript, at);
    }

    /** An attempt starts (the episode is claimed): counted now, so that one whose process dies stays counted. */
    IngestionState attemptStarted() {
        return withAttempts(attempts + 1);
    }

    /** The attempt in progress did not fail (success, or given back for reasons that are not the episode's). */
    IngestionState attemptTakenBack() {
        return withAttempts(Math.max(0, attempts - 1));
    }

    private IngestionState withAttempts(int n) {
        return new IngestionState(status, error, errorRetryable, n, audioFile, audioFileUrl, transcriptFile,
                transcriptNote, segments, indexedAt, updatedAt, transcript, savedTranscript, retranscribeRequestedAt);
    }

    IngestionState at(Instant now) {
        return new IngestionState(status, error, errorRetryable, attempts, audioFile, audioFileUrl, transcriptFile,
                transcriptNote, segments, indexedAt, now, transcript, savedTranscript, retranscribeRequestedAt);
    }

    /** Where the indexed transcript came from ({@code ASR} or {@code PUBLISHER}), or null before indexing. */
    @JsonIgnore
    public TranscriptSource transcriptSource() {
        return transcript == null ? null : transcript.source();
    }

    /** A fresh start (NEW, no attempts, no error) after the feed changed a FAILED episode's enclosure. */
    IngestionState restarted() {
        return new IngestionState(EpisodeStatus.NEW, null, false, 0, audioFile, audioFileUrl, transcriptFile,
                transcriptNote, segments, indexedAt, updatedAt, transcript, savedTranscript, retranscribeRequestedAt);
    }

    IngestionState downloaded(String file, String fromUrl) {
        return new IngestionState(status == EpisodeStatus.INDEXED ? EpisodeStatus.INDEXED : EpisodeStatus.DOWNLOADED,
                error, errorRetryable, attempts, file, fromUrl,
                transcriptFile, transcriptNote, segments, indexedAt, updatedAt, transcript, savedTranscript, retranscribeRequestedAt);
    }

    IngestionState audioDiscarded() {
        EpisodeStatus next = status == EpisodeStatus.DOWNLOADED ? EpisodeStatus.NEW : status;
        return new IngestionState(next, error, errorRetryable, attempts, null, null, transcriptFile, transcriptNote,
                segments, indexedAt, updatedAt, transcript, savedTranscript, retranscribeRequestedAt);
    }

    IngestionState transcribed(String file, String note, Provenance provenance) {
        return new IngestionState(status == EpisodeStatus.INDEXED ? EpisodeStatus.INDEXED : EpisodeStatus.TRANSCRIBED,
                error, errorRetryable, attempts, audioFile, audioFileUrl, file, note, segments, indexedAt, updatedAt,
                transcript, provenance, retranscribeRequestedAt);
    }

    IngestionState indexed(Provenance provenance, int segmentCount, String note, Instant now) {
        return new IngestionState(EpisodeStatus.INDEXED, note, false, Math.max(0, attempts - 1), audioFile,
                audioFileUrl, transcriptFile, note, segmentCount, now, updatedAt, provenance, null, null);
    }

    /** The attempt in progress failed (it was counted when it started). */
    IngestionState failed(String reason, boolean retryable) {
        return new IngestionState(EpisodeStatus.FAILED, reason, retryable, attempts, audioFile, audioFileUrl,
                transcriptFile, transcriptNote, segments, indexedAt, updatedAt, transcript, savedTranscript, retranscribeRequestedAt);
    }

    IngestionState noted(String note) {
        return note == null ? this : new IngestionState(status, error, errorRetryable, attempts, audioFile,
                audioFileUrl, transcriptFile, note, segments, indexedAt, updatedAt, transcript, savedTranscript, retranscribeRequestedAt);
    }
}
