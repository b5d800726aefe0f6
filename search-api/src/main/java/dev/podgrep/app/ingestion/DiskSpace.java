package dev.podgrep.app.ingestion;

import dev.podgrep.app.PodgrepProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the disk of the audio folder has room for another download: at least {@code podgrep.ingest.min-free-disk}
 * must stay free. Checked before every download; when space runs short the episode waits (given back, not failed),
 * so a full disk never turns a backlog into failures.
 */
@Component
class DiskSpace {

    private final Path directory;
    private final long minFreeBytes;

    @Autowired
    DiskSpace(PodgrepProperties properties) {
        this(properties.dataDir().resolve("audio"), properties.ingest().minFreeDisk().toBytes());
    }

    DiskSpace(Path directory, long minFreeBytes) {
        this.directory = directory.toAbsolutePath();
        this.minFreeBytes = minFreeBytes;
    }

    /** Why there is no room for a download now, or empty when there is. */
    Optional<String> shortage() {
        try {
            Path existing = directory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Optional.empty();
            }
            FileStore store = Files.getFileStore(existing);
            long free = store.getUsableSpace();
            if (free < minFreeBytes) {
                return Optional.of("not enough free disk space for downloads at " + directory + ": " + mib(free)
                        + " free, podgrep keeps at least " + mib(minFreeBytes) + " free (podgrep.ingest.min-free-disk)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot tell the free disk space at " + directory + ": " + e.getMessage());
        }
    }

    private static String mib(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
