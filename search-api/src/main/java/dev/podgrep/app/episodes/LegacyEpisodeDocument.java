package dev.podgrep.app.episodes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.ingest.episode.TranscriptLink;
import dev.podgrep.transcribe.transcript.TranscriptSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An episode as the first podgrep versions stored it (index {@code <prefix>-episodes-v1}: one flat document, times
 * as strings). Read only to migrate such a store to the current layout ({@link EpisodeRecord}) at start.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record LegacyEpisodeDocument(
        String id, String guid, String title, String feed, String language, String publishedAt, String audioUrl,
        String episodeUrl, Double durationSeconds, EpisodeStatus status, String error, int attempts,
        String transcriptSource, String description, List<TranscriptLink> transcripts, boolean errorRetryable,
        String audioFile, String audioFileUrl, String transcriptFile, String transcriptNote, Integer segments,
        String claimedBy, String claimExpiresAt, boolean removedFromFeed, String firstSeenAt, String lastSeenAt,
        String updatedAt, String indexedAt) {

    EpisodeRecord toRecord() {
        FeedListing listing = new FeedListing(guid, title, feed, language, instant(publishedAt), audioUrl, null, 0,
                episodeUrl, durationSeconds, description, transcripts, removedFromFeed, instant(firstSeenAt),
                instant(lastSeenAt));
        TranscriptSource source = transcriptSource == null ? null
                : TranscriptSource.valueOf(transcriptSource.toUpperCase(Locale.ROOT));
        Provenance transcript = source == null ? null : new Provenance(source, null, null, instant(indexedAt));
        IngestionState state = new IngestionState(status == null ? EpisodeStatus.NEW : status, error, errorRetryable,
                attempts, audioFile, audioFileUrl, transcriptFile, transcriptNote, segments, instant(indexedAt),
                instant(updatedAt), transcript, null, null);
        Claim claim = claimedBy == null ? null : new Claim(claimedBy, instant(claimExpiresAt));
        return new EpisodeRecord(id, listing, state, claim);
    }

    private static Instant instant(String iso) {
        return iso == null || iso.isBlank() ? null : Instant.parse(iso);
    }
}
