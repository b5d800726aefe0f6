package dev.podgrep.app.episodes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.TranscriptLink;

import java.time.Instant;
import java.util.List;

/**
 * An episode with its ingestion state, as stored in the episodes index (alias {@code <prefix>-episodes}, document
 * id = {@link #id}). Times are ISO-8601 instants as strings.
 *
 * <p>The first thirteen components are the episode of the HTTP API ({@code GET /api/episodes}, see contract.md):
 *
 * @param id               stable URL-safe id ({@link dev.podgrep.ingest.episode.EpisodeId}); the same as a hit's
 *                         {@code episodeId}
 * @param guid             the item's guid in the feed
 * @param title            title, or null
 * @param feed             the feed's name
 * @param language         the feed's language ({@code en}, {@code ru})
 * @param publishedAt      publication time, or null
 * @param audioUrl         the enclosure URL as the feed gives it, or null
 * @param episodeUrl       the episode's web page, or null
 * @param durationSeconds  itunes:duration, or null
 * @param status           where the episode is ({@link EpisodeStatus})
 * @param error            why the last attempt failed (or what was odd about a success, e.g. a publisher
 *                         transcript that could not be used), or null
 * @param attempts         failed attempts so far
 * @param transcriptSource {@code asr} or {@code publisher} once indexed, else null
 *
 * <p>The rest is internal state of the ingestion:
 *
 * @param description     the item's description, plain text
 * @param transcripts     publisher transcripts the feed announces
 * @param errorRetryable  whether the failure in {@code error} may go away by itself (network, 5xx) — a later run
 *                        retries it, up to {@code podgrep.ingest.max-attempts}; false for 404, not audio...: those
 *                        wait until the feed changes the enclosure URL
 * @param audioFile       the downloaded audio file, or null
 * @param audioFileUrl    the enclosure URL {@code audioFile} was downloaded from
 * @param transcriptFile  the ASR transcript saved between TRANSCRIBED and INDEXED (podgrep JSON), or null
 * @param transcriptNote  how the transcript came about when it is worth knowing (e.g. ASR after a broken publisher
 *                        transcript), or why the episode waits (no speech model for its language)
 * @param segments        segments in the index once INDEXED
 * @param claimedBy       the instance working on the episode now, or null
 * @param claimExpiresAt  when that claim lapses (its holder is presumed dead after that), or null
 * @param removedFromFeed true once the feed no longer lists the episode (its indexed transcript stays)
 * @param firstSeenAt     when podgrep first saw the episode
 * @param lastSeenAt      when the feed last listed it
 * @param updatedAt       last change of this record
 * @param indexedAt       when it became searchable, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EpisodeRecord(
        String id, String guid, String title, String feed, String language, String publishedAt, String audioUrl,
        String episodeUrl, Double durationSeconds, EpisodeStatus status, String error, int attempts,
        String transcriptSource,
        String description, List<TranscriptLink> transcripts, boolean errorRetryable, String audioFile,
        String audioFileUrl, String transcriptFile, String transcriptNote, Integer segments, String claimedBy,
        String claimExpiresAt, boolean removedFromFeed, String firstSeenAt, String lastSeenAt, String updatedAt,
        String indexedAt) {

    public EpisodeRecord {
        transcripts = transcripts == null ? List.of() : List.copyOf(transcripts);
    }

    /** A NEW record for an episode first seen in its feed at {@code now}. */
    public static EpisodeRecord fromFeed(Episode episode, Instant now) {
        String at = now.toString();
        return new Builder().id(episode.id()).status(EpisodeStatus.NEW).firstSeenAt(at).build()
                .refreshedFrom(episode, now);
    }

    /**
     * This record with the metadata of the episode as the feed gives it now (title, URLs, duration, transcripts...).
     * The state (status, attempts, claim, files) is kept; only when the enclosure URL changed while the episode was
     * FAILED does it start afresh as NEW with no attempts: the new URL deserves its own chances.
     */
    public EpisodeRecord refreshedFrom(Episode episode, Instant now) {
        Builder b = toBuilder().guid(episode.guid()).title(episode.title()).feed(episode.feed())
                .language(episode.language())
                .publishedAt(episode.publishedAt() == null ? null : episode.publishedAt().toString())
                .audioUrl(episode.audioUrl()).episodeUrl(episode.episodeUrl())
                .durationSeconds(episode.durationSeconds()).description(episode.description())
                .transcripts(episode.transcripts()).removedFromFeed(false).lastSeenAt(now.toString());
        boolean newEnclosure = audioUrl != null && !audioUrl.equals(episode.audioUrl());
        if (status == EpisodeStatus.FAILED && newEnclosure) {
            b.status(EpisodeStatus.NEW).attempts(0).error(null).errorRetryable(false);
        }
        return b.build();
    }

    /** The episode as the indexer and downloader know it. */
    public Episode toEpisode() {
        return new Episode(id, feed, language, guid, title, publishedAt == null ? null : Instant.parse(publishedAt),
                description, episodeUrl, audioUrl == null ? null : new Enclosure(audioUrl, null, 0), durationSeconds,
                transcripts);
    }

    /** Whether someone holds an unexpired claim on the episode at {@code now}. */
    public boolean claimActiveAt(Instant now) {
        return claimedBy != null && claimExpiresAt != null && Instant.parse(claimExpiresAt).isAfter(now);
    }

    /**
     * Whether the ingestion should (re)process this episode: it is NEW, DOWNLOADED or TRANSCRIBED (a run stopped
     * midway), or FAILED with a retryable error and fewer than {@code maxAttempts} attempts; and nobody holds an
     * unexpired claim on it.
     */
    public boolean needsWorkAt(Instant now, int maxAttempts) {
        boolean work = status.inProgress()
                || status == EpisodeStatus.FAILED && errorRetryable && attempts < maxAttempts;
        return work && !claimActiveAt(now);
    }

    /** A builder holding this record's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds records; every setter returns the builder. */
    public static final class Builder {
        private String id, guid, title, feed, language, publishedAt, audioUrl, episodeUrl;
        private Double durationSeconds;
        private EpisodeStatus status;
        private String error;
        private int attempts;
        private String transcriptSource, description;
        private List<TranscriptLink> transcripts = List.of();
        private boolean errorRetryable;
        private String audioFile, audioFileUrl, transcriptFile, transcriptNote;
        private Integer segments;
        private String claimedBy, claimExpiresAt;
        private boolean removedFromFeed;
        private String firstSeenAt, lastSeenAt, updatedAt, indexedAt;

        public Builder() {
        }

        Builder(EpisodeRecord r) {
            id = r.id; guid = r.guid; title = r.title; feed = r.feed; language = r.language;
            publishedAt = r.publishedAt; audioUrl = r.audioUrl; episodeUrl = r.episodeUrl;
            durationSeconds = r.durationSeconds; status = r.status; error = r.error; attempts = r.attempts;
            transcriptSource = r.transcriptSource; description = r.description; transcripts = r.transcripts;
            errorRetryable = r.errorRetryable; audioFile = r.audioFile; audioFileUrl = r.audioFileUrl;
            transcriptFile = r.transcriptFile; transcriptNote = r.transcriptNote; segments = r.segments;
            claimedBy = r.claimedBy; claimExpiresAt = r.claimExpiresAt; removedFromFeed = r.removedFromFeed;
            firstSeenAt = r.firstSeenAt; lastSeenAt = r.lastSeenAt; updatedAt = r.updatedAt; indexedAt = r.indexedAt;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder guid(String v) { guid = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder feed(String v) { feed = v; return this; }
        public Builder language(String v) { language = v; return this; }
        public Builder publishedAt(String v) { publishedAt = v; return this; }
        public Builder audioUrl(String v) { audioUrl = v; return this; }
        public Builder episodeUrl(String v) { episodeUrl = v; return this; }
        public Builder durationSeconds(Double v) { durationSeconds = v; return this; }
        public Builder status(EpisodeStatus v) { status = v; return this; }
        public Builder error(String v) { error = v; return this; }
        public Builder attempts(int v) { attempts = v; return this; }
        public Builder transcriptSource(String v) { transcriptSource = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder transcripts(List<TranscriptLink> v) { transcripts = v; return this; }
        public Builder errorRetryable(boolean v) { errorRetryable = v; return this; }
        public Builder audioFile(String v) { audioFile = v; return this; }
        public Builder audioFileUrl(String v) { audioFileUrl = v; return this; }
        public Builder transcriptFile(String v) { transcriptFile = v; return this; }
        public Builder transcriptNote(String v) { transcriptNote = v; return this; }
        public Builder segments(Integer v) { segments = v; return this; }
        public Builder claimedBy(String v) { claimedBy = v; return this; }
        public Builder claimExpiresAt(String v) { claimExpiresAt = v; return this; }
        public Builder removedFromFeed(boolean v) { removedFromFeed = v; return this; }
        public Builder firstSeenAt(String v) { firstSeenAt = v; return this; }
        public Builder lastSeenAt(String v) { lastSeenAt = v; return this; }
        public Builder updatedAt(String v) { updatedAt = v; return this; }
        public Builder indexedAt(String v) { indexedAt = v; return this; }

        public EpisodeRecord build() {
            return new EpisodeRecord(id, guid, title, feed, language, publishedAt, audioUrl, episodeUrl,
                    durationSeconds, status, error, attempts, transcriptSource, description, transcripts,
                    errorRetryable, audioFile, audioFileUrl, transcriptFile, transcriptNote, segments, claimedBy,
                    claimExpiresAt, removedFromFeed, firstSeenAt, lastSeenAt, updatedAt, indexedAt);
        }
    }
}
