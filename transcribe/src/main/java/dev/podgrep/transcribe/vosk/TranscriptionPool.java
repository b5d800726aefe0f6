package dev.podgrep.transcribe.vosk;

import dev.podgrep.transcribe.transcript.TimedTranscript;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs up to {@code parallelism} transcriptions at once on its own threads (recognition is CPU-bound: one job per
 * core is the sensible most). Jobs may share one {@link VoskModel} (the usual case) or use different ones; jobs
 * beyond the parallelism wait in order of submission.
 *
 * <pre>{@code
 * try (TranscriptionPool pool = new TranscriptionPool()) {
 *     Future<TimedTranscript> a = pool.submit(english, Path.of("a.mp3"), TranscriptionProgress.NONE);
 *     Future<TimedTranscript> b = pool.submit(english, Path.of("b.mp3"), TranscriptionProgress.NONE);
 *     a.get(); b.get();   // an ExecutionException carries the job's IOException
 * }
 * }</pre>
 *
 * {@link Future#cancel(boolean) cancel(true)} stops a running job within half a second of audio.
 */
public final class TranscriptionPool implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int parallelism;
    private final ExecutorService executor;

    /** A pool running as many jobs at once as there are available processors. */
    public TranscriptionPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A pool running at most {@code parallelism} (at least 1) jobs at once. */
    public TranscriptionPool(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "transcription-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(parallelism, factory);
    }

    /** How many jobs run at once at most. */
    public int parallelism() {
        return parallelism;
    }

    /** Queues the transcription of {@code audio} with {@code transcriber}; see {@link VoskTranscriber#transcribe}. */
    public Future<TimedTranscript> submit(VoskTranscriber transcriber, Path audio, TranscriptionProgress progress) {
        return submit(transcriber, audio, OptionalDouble.empty(), progress);
    }

    /** Queues a transcription with a duration hint for progress; see {@link VoskTranscriber#transcribe}. */
    public Future<TimedTranscript> submit(VoskTranscriber transcriber, Path audio, OptionalDouble durationHintSeconds,
                                          TranscriptionProgress progress) {
        Objects.requireNonNull(transcriber, "transcriber");
        Objects.requireNonNull(audio, "audio");
        return executor.submit(() -> transcriber.transcribe(audio, durationHintSeconds, progress));
    }

    /** Accepts no more jobs and waits until the queued and running ones have finished. */
    @Override
    public void close() {
        executor.close();
    }
}
