package dev.podgrep.app.episodes;

/**
 * Where an episode is on its way from the feed to the search index.
 *
 * <pre>
 * NEW ──download──► DOWNLOADED ──transcribe──► TRANSCRIBED ──index──► INDEXED
 *  │                    │                          │
 *  └────────────────────┴──────── failure ─────────┴──► FAILED (retried on later runs while retryable)
 * </pre>
 * An episode with a usable publisher transcript goes from NEW straight to INDEXED. An episode published before
 * {@code podgrep.ingest.since} is SKIPPED (listed, not downloaded) until {@code since} is lowered.
 */
public enum EpisodeStatus {
    /** Seen in the feed, nothing done yet. */
    NEW,
    /** Audio downloaded into the audio cache. */
    DOWNLOADED,
    /** Transcribed with Vosk; the transcript is saved under {@code <data-dir>/transcripts}, not yet searchable. */
    TRANSCRIBED,
    /** Its transcript is in the segments index: searchable. */
    INDEXED,
    /** The last attempt failed; {@code error} says why. */
    FAILED,
    /** Published before {@code podgrep.ingest.since}: recorded, not downloaded; NEW again once {@code since} allows. */
    SKIPPED;

    /** Whether an episode in this state still has work ahead of it (failures aside). */
    public boolean inProgress() {
        return this == NEW || this == DOWNLOADED || this == TRANSCRIBED;
    }
}
