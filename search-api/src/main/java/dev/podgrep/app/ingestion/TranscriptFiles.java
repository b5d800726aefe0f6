package dev.podgrep.app.ingestion;

import dev.podgrep.transcribe.format.PodgrepJsonTranscriptFormat;
import dev.podgrep.transcribe.format.TranscriptFormatException;
import dev.podgrep.transcribe.transcript.TimedTranscript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * ASR transcripts saved between TRANSCRIBED and INDEXED ({@code <data-dir>/transcripts/<episodeId>.json}, podgrep
 * JSON), so that a run stopped after transcribing resumes with indexing instead of transcribing again. Written to a
 * temporary file and moved into place, so a file under its final name is always whole.
 */
public final class TranscriptFiles {

    private final Path directory;
    private final PodgrepJsonTranscriptFormat format = new PodgrepJsonTranscriptFormat();

    public TranscriptFiles(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** Saves the transcript of an episode; returns the file. */
    public Path save(String episodeId, TimedTranscript transcript) throws IOException {
        Files.createDirectories(directory);
        Path target = file(episodeId);
        Path temporary = directory.resolve("." + episodeId + ".json.tmp");
        try {
            Files.writeString(temporary, format.write(transcript), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);   // after a failed write (disk full): no half file left behind
        }
        return target;
    }

    /** Reads a saved transcript. */
    public TimedTranscript read(Path file) throws IOException, TranscriptFormatException {
        return format.read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** {@code <directory>/<episodeId>.json}. */
    public Path file(String episodeId) {
        return directory.resolve(episodeId + ".json");
    }
}
