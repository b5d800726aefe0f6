package dev.podgrep.app.recognition;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.transcribe.audio.ChildDecoderSettings;
import dev.podgrep.transcribe.audio.PcmDecoder;
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
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Transcribes episode audio with the Vosk model of its language, at most {@code podgrep.vosk.parallelism}
 * transcriptions at once (0 = one per core); more callers wait their turn.
 */
@Component
public class EpisodeTranscriber implements AutoCloseable {

    /** How often, by default, a waiting caller's {@code heartbeat} runs. */
    static final long HEARTBEAT_SECONDS = 10;

    private final SpeechModels models;
    private final TranscriptionPool pool;
    private final PcmDecoder decoder;
    private final Duration heartbeatEvery;

    @Autowired
    public EpisodeTranscriber(SpeechModels models, PodgrepProperties properties, ChildDecoderSettings decoding) {
        this(models, properties.vosk().parallelism(), Duration.ofSeconds(HEARTBEAT_SECONDS), decoding);
    }

    /**
     * @param parallelism    transcriptions at once; 0 or less = available processors
     * @param heartbeatEvery how often a waiting caller's heartbeat runs
     * @param decoding       how FFmpeg runs (a child JVM per file) and how long audio may be
     */
    public EpisodeTranscriber(SpeechModels models, int parallelism, Duration heartbeatEvery,
                              ChildDecoderSettings decoding) {
        this.models = models;
        this.pool = new TranscriptionPool(parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors());
        this.decoder = PcmDecoder.inChildProcess(decoding);
        this.heartbeatEvery = heartbeatEvery;
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
    public void requireModel(String language) throws SpeechModelUnavailableException, InterruptedException {
        models.model(language);
    }

    /**
     * The name of the speech model that transcribes {@code language} (its directory's name, e.g.
     * {@code vosk-model-small-en-us-0.15}), for the transcript's provenance.
     *
     * @throws SpeechModelUnavailableException when it cannot be provided
     */
    public String modelName(String language) throws SpeechModelUnavailableException, InterruptedException {
        return models.model(language).directory().getFileName().toString();
    }

    /**
     * Transcribes one audio file; blocks until done. Recognition runs on the pool's threads; the calling thread waits
     * and runs {@code heartbeat} about every {@value #HEARTBEAT_SECONDS} seconds meanwhile, so that what only the
     * caller may touch (its claim on the episode) is renewed by the caller itself.
     *
     * @param language     the episode's language (picks the model)
     * @param audio        the audio file
     * @param durationHint the feed's duration, for progress when the file does not declare one
     * @param progress     told seconds done / total about every half second of audio (on a pool thread)
     * @param heartbeat    run on the calling thread while it waits
     * @throws SpeechModelUnavailableException when the language has no model now
     * @throws IOException                     when the audio cannot be decoded
     *                                         ({@link dev.podgrep.transcribe.audio.AudioDecodingException}: not
     *                                         audio, too long, the decoder crashed or hung on it), the decoder cannot
     *                                         start ({@link dev.podgrep.transcribe.audio.DecoderStartException}), the
     *                                         words exceed the limit
     *                                         ({@link dev.podgrep.transcribe.transcript.TranscriptTooLongException}),
     *                                         or the file cannot be read
     * @throws InterruptedException            when the calling thread is interrupted (the transcription is stopped)
     */
    public TimedTranscript transcribe(String language, Path audio, OptionalDouble durationHint,
                                      TranscriptionProgress progress, Runnable heartbeat)
            throws SpeechModelUnavailableException, IOException, InterruptedException {
        VoskTranscriber transcriber = new VoskTranscriber(models.model(language), decoder);
        Future<TimedTranscript> job = pool.submit(transcriber, audio, durationHint, progress);
        try {
            while (true) {
                try {
                    return job.get(heartbeatEvery.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    heartbeat.run();
                }
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            throw e;
        } catch (RuntimeException | Error e) {
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
