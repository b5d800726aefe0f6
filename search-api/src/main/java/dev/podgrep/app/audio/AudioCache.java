package dev.podgrep.app.audio;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The audio folder ({@code <data-dir>/audio}) as a cache of {@code podgrep.audio.cache-max-bytes}: once it holds
 * more, the least recently used audio of INDEXED episodes is deleted until it fits. Their transcripts stay
 * searchable; what needs the audio again (a clip, a re-transcription) fetches it again. Audio of episodes still being
 * worked on is never evicted, and interrupted downloads ({@code .partial/}) count towards the size but are kept (they
 * are resumed).
 *
 * <p>"Used" is the file's modification time: set when the audio is downloaded, transcribed or clipped
 * ({@link #used}).
 */
@Component
public class AudioCache {

    private static final Logger log = LoggerFactory.getLogger(AudioCache.class);

    private final Path directory;
    private final long maxBytes;
    private final EpisodeStore episodes;

    @Autowired
    public AudioCache(PodgrepProperties properties, EpisodeStore episodes) {
        this(properties.dataDir().resolve("audio"), properties.audio().cacheMaxBytes().toBytes(), episodes);
    }

    public AudioCache(Path directory, long maxBytes, EpisodeStore episodes) {
        this.directory = directory.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.episodes = episodes;
    }

    /** The cache's size: what it holds now and what it may hold. */
    public record Usage(long bytes, long maxBytes, int files, long partialBytes) {
    }

    /** What the cache holds now. */
    public Usage usage() {
        List<CachedFile> complete = completeFiles();
        long partial = partialBytes();
        return new Usage(complete.stream().mapToLong(CachedFile::bytes).sum() + partial, maxBytes, complete.size(),
                partial);
    }

    /** Marks an episode's audio file as used now (it is evicted last). */
    public void used(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("cannot mark {} as used: {}", file, e.toString());
        }
    }

    /**
     * Deletes the least recently used audio of INDEXED episodes while the cache holds more than its size.
     *
     * @return how many files were deleted
     */
    public synchronized int evict() {
        List<CachedFile> files = completeFiles();
        long total = files.stream().mapToLong(CachedFile::bytes).sum() + partialBytes();
        if (total <= maxBytes) {
            return 0;
        }
        files.sort(Comparator.comparing(CachedFile::lastUsed));
        int deleted = 0;
        Instant now = Instant.now();
        for (CachedFile file : files) {
            if (total <= maxBytes) {
                break;
            }
            Optional<EpisodeRecord> episode = episodes.find(file.episodeId());
            boolean evictable = episode.map(e -> e.status() == EpisodeStatus.INDEXED && !e.state().retranscribing()
                    && !e.claimActiveAt(now)).orElse(true);
            if (!evictable) {
                continue;
            }
            try {
                Files.deleteIfExists(file.path());
                total -= file.bytes();
                deleted++;
                log.info("Audio cache: {} evicted ({} MiB, last used {}); {} MiB of {} MiB used", file.path()
                        .getFileName(), file.bytes() >> 20, file.lastUsed(), total >> 20, maxBytes >> 20);
            } catch (IOException e) {
                log.warn("Audio cache: cannot delete {}: {}", file.path(), e.toString());
            }
        }
        if (total > maxBytes) {
            log.warn("Audio cache: {} MiB used, more than its {} MiB, but the rest belongs to episodes still being"
                    + " worked on", total >> 20, maxBytes >> 20);
        }
        return deleted;
    }

    /** Deletes an episode's cached audio, complete and partial (a purge). */
    public void delete(String episodeId) {
        for (CachedFile file : completeFiles()) {
            if (file.episodeId().equals(episodeId)) {
                deleteQuietly(file.path());
            }
        }
        deleteQuietly(directory.resolve(".partial").resolve(episodeId + ".part"));
        deleteQuietly(directory.resolve(".partial").resolve(episodeId + ".part.validator"));
    }

    private record CachedFile(Path path, String episodeId, long bytes, Instant lastUsed) {
    }

    private List<CachedFile> completeFiles() {
        List<CachedFile> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path path : listing.filter(Files::isRegularFile).toList()) {
                String name = path.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot <= 0 || name.startsWith(".")) {
                    continue;
                }
                try {
                    files.add(new CachedFile(path, name.substring(0, dot), Files.size(path),
                            Files.getLastModifiedTime(path).toInstant()));
                } catch (IOException vanished) {
                    // deleted meanwhile
                }
            }
        } catch (IOException e) {
            log.warn("Audio cache: cannot list {}: {}", directory, e.toString());
        }
        return files;
    }

    private long partialBytes() {
        Path partial = directory.resolve(".partial");
        if (!Files.isDirectory(partial)) {
            return 0;
        }
        try (Stream<Path> listing = Files.list(partial)) {
            return listing.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Audio cache: cannot delete {}: {}", file, e.toString());
        }
    }
}
