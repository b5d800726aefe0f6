package dev.podgrep.ingest.fetch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A complete audio file of an episode on disk.
 *
 * @param file           {@code <audioDir>/<episodeId>.<ext>}
 * @param bytes          its size
 * @param alreadyPresent true when the file was there before and nothing was downloaded
 */
public record DownloadedAudio(Path file, long bytes, boolean alreadyPresent) {
    public DownloadedAudio {
        Objects.requireNonNull(file, "file");
    }
}
