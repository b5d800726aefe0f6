package dev.podgrep.app.quotes;

import dev.podgrep.app.audio.AudioCache;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.NotFoundException;
import dev.podgrep.ingest.fetch.AudioDownloader;
import dev.podgrep.ingest.fetch.FetchException;
import dev.podgrep.transcribe.audio.AudioClipper;
import dev.podgrep.transcribe.audio.AudioDecodingException;
import dev.podgrep.transcribe.audio.ChildDecoderSettings;
import dev.podgrep.transcribe.audio.ClipTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The audio of a quote: an MP3 of exactly a window of an episode (at most {@value AudioClipper#MAX_CLIP_SECONDS} s),
 * cut from the cached audio with the bundled FFmpeg in a child process, its ID3 title the quote's citation line, its
 * artist the feed, its album the episode. When the audio cache no longer holds the episode, the audio is fetched
 * again from the enclosure URL (through the same guarded client as ingestion) and kept in the cache.
 */
@Service
public class Clips {

    private static final Logger log = LoggerFactory.getLogger(Clips.class);

    private final EpisodeStore episodes;
    private final AudioDownloader downloader;
    private final AudioClipper clipper;
    private final AudioCache audioCache;

    public Clips(EpisodeStore episodes, AudioDownloader downloader, ChildDecoderSettings decoding,
                 AudioCache audioCache) {
        this.episodes = episodes;
        this.downloader = downloader;
        this.audioCache = audioCache;
        this.clipper = AudioClipper.inChildProcess(decoding);
    }

    /** A clip written to a temporary file, which the caller deletes once it is sent. */
    public record Clip(Path file, String fileName) {
    }

    /**
     * Cuts a clip.
     *
     * @throws BadRequestException     when a time is missing, not finite, negative, inverted, the window is longer
     *                                 than allowed, or starts past the end of the episode
     * @throws NotFoundException       when the episode is unknown or has no audio
     * @throws ClipUnavailableException when the audio cannot be fetched again or cut
     */
    public Clip cut(String episodeId, Double start, Double end) {
        requireTime("start", start);
        requireTime("end", end);
        if (end <= start) {
            throw new BadRequestException("parameter 'end' (" + end + ") must be after 'start' (" + start + ")");
        }
        if (end - start > AudioClipper.MAX_CLIP_SECONDS) {
            throw new BadRequestException("the window from 'start' to 'end' is " + (end - start) + " s long; a clip"
                    + " is at most " + (long) AudioClipper.MAX_CLIP_SECONDS + " s (5 minutes)");
        }
        EpisodeRecord episode = episodes.find(episodeId)
                .orElseThrow(() -> new NotFoundException("No episode '" + episodeId + "' is known to podgrep."));
        String audioUrl = episode.listing().audioUrl();
        if (audioUrl == null) {
            throw new NotFoundException("Episode '" + episodeId + "' has no audio enclosure to cut a clip from.");
        }
        Double duration = episode.listing().durationSeconds();
        if (duration != null && duration > 0 && start >= duration) {
            throw new BadRequestException("parameter 'start' (" + start + ") is past the end of the episode ("
                    + Math.round(duration) + " s)");
        }
        Path source = cachedAudio(episode);
        String citation = Citation.of(episode.feed(), episodeId, episode.title(),
                episode.listing().publishedAt() == null ? null : episode.listing().publishedAt().toString(),
                start, end);
        Path target = null;
        try {
            target = Files.createTempFile("podgrep-clip-", ".mp3");
            clipper.cut(source, start, end, new ClipTags(citation, episode.feed(), episode.title()), target);
            return new Clip(target, episodeId + "-" + Math.round(start) + "-" + Math.round(end) + ".mp3");
        } catch (IllegalArgumentException e) {
            deleteQuietly(target);
            throw new BadRequestException(e.getMessage());
        } catch (AudioDecodingException e) {
            deleteQuietly(target);
            throw new ClipUnavailableException("the episode's audio cannot be cut: " + e.reason());
        } catch (IOException e) {
            deleteQuietly(target);
            log.warn("Clip of episode {} {}-{} failed: {}", episodeId, start, end, e.toString());
            throw new ClipUnavailableException("the clip could not be cut; try again shortly");
        }
    }

    /** The episode's audio from the cache, fetched again (and cached) when the cache no longer holds it. */
    private Path cachedAudio(EpisodeRecord episode) {
        Optional<Path> cached = downloader.completeFile(episode.id());
        if (cached.isPresent()) {
            audioCache.used(cached.get());
            return cached.get();
        }
        try {
            log.info("Episode {}: its audio is no longer cached; fetching it again for a clip", episode.id());
            Path fetched = downloader.download(episode.id(), episode.listing().audioUrl()).file();
            audioCache.used(fetched);
            audioCache.evict();
            return fetched;
        } catch (FetchException e) {
            throw new ClipUnavailableException("the episode's audio is no longer cached and could not be fetched"
                    + " again: " + e.reason());
        }
    }

    private static void requireTime(String name, Double value) {
        if (value == null) {
            throw new BadRequestException("parameter '" + name + "' is required: seconds from the start of the "
                    + "episode, like " + name + "=12.5");
        }
        if (value.isNaN() || value.isInfinite()) {
            throw new BadRequestException("parameter '" + name + "' must be a finite number of seconds, was " + value);
        }
        if (value < 0) {
            throw new BadRequestException("parameter '" + name + "' must be 0 or more seconds, was " + value);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("cannot delete {}: {}", file, e.toString());
            }
        }
    }
}
