package dev.podgrep.app.transcription;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.vosk.TranscriptionPool;
import dev.podgrep.transcribe.vosk.TranscriptionProgress;
import dev.podgrep.transcribe.vosk.VoskTranscriber;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Transcribes episode audio with the Vosk model of its language, at most {@code podgrep.vosk.parallelism}
 * transcriptions at once (0 = one per core); more callers wait their turn.
 */
@Component
public class EpisodeTranscriber implements AutoCloseable {

    private final SpeechModels models;
    private final TranscriptionPool pool;

    @Autowired
    public EpisodeTranscriber(SpeechModels models, PodgrepProperties properties) {
        this(models, properties.vosk().parallelism());
    }

    /**
     * @param parallelism transcriptions at once; 0 = available processors
     */
    public EpisodeTranscriber(SpeechModels models, int parallelism) {
        this.models = models;
        this.pool = new TranscriptionPool(effectiveParallelism(parallelism));
    }

    /** {@code parallelism}, or the number of available processors when it is 0 or less. */
    public static int effectiveParallelism(int parallelism) {
        return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    }

    /** @return how many transcriptions run at once at most */
    public int parallelism() {
        return pool.parallelism();
    }

    /**
     * Makes sure the model of {@code language} is there (provided and loaded), without transcribing.
     *
     * @throws SpeechModelUnavailableException when it cannot be provided
     */
    public void requireModel(String language) throws SpeechModelUnavailableException {
        models.model(language);
    }

    /**
     * Transcribes one audio file; blocks until done.
     *
     * @param language     the episode's language (picks the model)
     * @param audio        the audio file
     * @param durationHint the feed's duration, for progress when the file does not declare one
     * @param progress     told seconds done / total about every half second of audio
     * @throws SpeechModelUnavailableException when the language has no model now
     * @throws IOException                     when the audio cannot be decoded
     *                                         ({@link dev.podgrep.transcribe.audio.AudioDecodingException}) or read
     * @throws InterruptedException            when the calling thread is interrupted (the transcription is stopped)
     */
    public TimedTranscript transcribe(String language, Path audio, OptionalDouble durationHint,
                                      TranscriptionProgress progress)
            throws SpeechModelUnavailableException, IOException, InterruptedException {
        VoskTranscriber transcriber = new VoskTranscriber(models.model(language));
        Future<TimedTranscript> job = pool.submit(transcriber, audio, durationHint, progress);
        try {
            return job.get();
        } catch (InterruptedException e) {
            job.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedIOException interrupted) {
                InterruptedException stop = new InterruptedException(interrupted.getMessage());
                stop.initCause(interrupted);
                throw stop;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("transcription of " + audio + " failed: " + cause, cause);
        }
    }

    /** Stops taking transcriptions; running ones are interrupted (their episodes are taken up by a later run). */
    @PreDestroy
    @Override
    public void close() {
        // TranscriptionPool.close() waits for running jobs; the ingestion cancels its jobs before this runs
        pool.close();
    }
}
