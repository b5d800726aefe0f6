package dev.podgrep.app.episodes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.TranscriptLink;

import java.time.Instant;
import java.util.List;

/**
 * What the feed says about an episode, as podgrep last read it: refreshed on every read of the feed, never
 * changed by the ingestion.
 *
 * @param guid            the item's guid in the feed
 * @param title           title, or null
 * @param feed            the feed's name
 * @param language        the feed's language ({@code en}, {@code ru})
 * @param publishedAt     publication time, or null
 * @param audioUrl        the enclosure URL as the feed gives it, or null
 * @param audioType       the enclosure's MIME type as the feed gives it, or null
 * @param audioLength     the enclosure's length in bytes as the feed gives it (0 when unknown)
 * @param episodeUrl      the episode's web page, or null
 * @param durationSeconds itunes:duration, or null
 * @param description     the item's description, plain text, or null
 * @param transcripts     publisher transcripts the feed announces
 * @param removedFromFeed true once the feed no longer lists the episode (its indexed transcript stays)
 * @param firstSeenAt     when podgrep first saw the episode
 * @param lastSeenAt      when the feed last listed it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedListing(String guid, String title, String feed, String language, Instant publishedAt,
                          String audioUrl, String audioType, long audioLength, String episodeUrl,
                          Double durationSeconds, String description,
                          List<TranscriptLink> transcripts, boolean removedFromFeed, Instant firstSeenAt,
                          Instant lastSeenAt) {

    public FeedListing {
        transcripts = transcripts == null ? List.of() : List.copyOf(transcripts);
    }

    /** The listing of {@code episode} as read at {@code now}; {@code firstSeenAt} is kept from an earlier read. */
    static FeedListing of(Episode episode, Instant firstSeenAt, Instant now) {
        Enclosure enclosure = episode.enclosure();
        return new FeedListing(episode.guid(), episode.title(), episode.feed(), episode.language(),
                episode.publishedAt(), episode.audioUrl(), enclosure == null ? null : enclosure.type(),
                enclosure == null ? 0 : enclosure.length(), episode.episodeUrl(), episode.durationSeconds(),
                episode.description(), episode.transcripts(), false, firstSeenAt, now);
    }

    /** This listing flagged as no longer in the feed. */
    FeedListing removed() {
        return new FeedListing(guid, title, feed, language, publishedAt, audioUrl, audioType, audioLength, episodeUrl,
                durationSeconds, description, transcripts, true, firstSeenAt, lastSeenAt);
    }

    /** The episode as the ingest library knows it (indexer, downloader). */
    public Episode toEpisode(String id) {
        return new Episode(id, feed, language, guid, title, publishedAt, description, episodeUrl,
                audioUrl == null ? null : new Enclosure(audioUrl, audioType, audioLength), durationSeconds, transcripts);
    }
}
