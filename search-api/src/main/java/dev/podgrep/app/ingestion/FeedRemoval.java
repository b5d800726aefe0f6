package dev.podgrep.app.ingestion;

import dev.podgrep.app.audio.AudioCache;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.feeds.FeedRecord;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.app.web.ConflictException;
import dev.podgrep.app.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * An operator removing a feed ({@code DELETE /api/feeds/{name}}): it is no longer ingested, its episodes stay
 * searchable; with {@code purge}, everything podgrep holds of it goes too: its episodes and their state, their
 * segments (no longer searchable), saved transcripts and cached audio.
 */
@Service
class FeedRemoval {

    private static final Logger log = LoggerFactory.getLogger(FeedRemoval.class);

    private final FeedRegistry feeds;
    private final EpisodeStore episodes;
    private final TranscriptIndexer indexer;
    private final TranscriptFiles transcriptFiles;
    private final AudioCache audioCache;
    private final IngestionService ingestion;

    FeedRemoval(FeedRegistry feeds, EpisodeStore episodes, TranscriptIndexer indexer, TranscriptFiles transcriptFiles,
                AudioCache audioCache, IngestionService ingestion) {
        this.feeds = feeds;
        this.episodes = episodes;
        this.indexer = indexer;
        this.transcriptFiles = transcriptFiles;
        this.audioCache = audioCache;
        this.ingestion = ingestion;
    }

    /** What a removal did. */
    record Removal(String feed, boolean purged, int episodesDeleted) {
    }

    /**
     * Stops ingesting a feed; with {@code purge}, deletes all it left behind.
     *
     * @throws NotFoundException when podgrep knows no feed of that name
     * @throws ConflictException when a purge is asked while an ingestion run is in progress (it could write the
     *                           feed's episodes back); nothing is changed then
     */
    Removal remove(String name, boolean purge) {
        FeedRecord feed = feeds.list().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("podgrep ingests no feed named '" + name + "'; GET "
                        + "/api/feeds lists them"));
        if (purge && ingestion.running()) {
            throw new ConflictException("Ingestion running", "an ingestion run is in progress and could write episodes"
                    + " of '" + name + "' back; purge again once it has finished (GET /api/ingest/status)");
        }
        feeds.stop(name);
        if (!purge) {
            return new Removal(name, false, 0);
        }
        List<String> ids = episodes.deleteFeed(name);
        indexer.deleteEpisodes(ids);
        for (String id : ids) {
            try {
                Files.deleteIfExists(transcriptFiles.file(id));
            } catch (IOException e) {
                log.warn("Purge of feed '{}': cannot delete the transcript of {}: {}", name, id, e.toString());
            }
            audioCache.delete(id);
        }
        if (FeedRecord.API.equals(feed.origin())) {
            feeds.forget(name);
        }
        log.info("Feed '{}' purged: {} episodes with their segments, transcripts and audio deleted", name, ids.size());
        return new Removal(name, true, ids.size());
    }
}
