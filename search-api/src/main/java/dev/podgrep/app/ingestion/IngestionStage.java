package dev.podgrep.app.ingestion;

/** What the ingestion is doing with an episode right now (shown in {@code GET /api/ingest/status}). */
public enum IngestionStage {
    /** Claimed, about to start. */
    CLAIMED,
    /** Fetching the publisher's transcript. */
    FETCHING_TRANSCRIPT,
    /** Downloading the audio. */
    DOWNLOADING,
    /** Transcribing the audio with Vosk ({@code percent} says how far). */
    TRANSCRIBING,
    /** Writing the transcript into the search index. */
    INDEXING
}
