package dev.podgrep.transcribe.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podgrep.transcribe.audio.AudioDecodingException;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several transcriptions at once on one shared Vosk model (real libvosk, real FFmpeg). */
class TranscriptionPoolTest {

    @TempDir
    static Path files;

    static VoskModel model;
    static VoskTranscriber transcriber;
    static Path first;
    static Path second;

    @BeforeAll
    static void loadModelAndWriteAudio() throws Exception {
        model = VoskModel.load(ToneWordModel.writeTo(files.resolve("model")), "en");
        transcriber = new VoskTranscriber(model);
        first = ToneWordAudio.cycling(90).encode(files.resolve("first.mp3"), AudioEncoding.mp3(44_100, 2, 96));
        second = ToneWordAudio.parse("silence 0.5, delta 0.4, silence 1.2, charlie 0.7, silence 0.3, bravo 0.3,"
                        + " silence 2.5, alpha 0.9, silence 1.0").writeWav(files.resolve("second.wav"), 16_000, 1);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void twoJobsAtOnceOnOneModelGiveWhatTheyGiveOneAfterTheOther() throws Exception {
        TimedTranscript firstAlone = transcriber.transcribe(first);
        TimedTranscript secondAlone = transcriber.transcribe(second);

        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicBoolean overlapped = new AtomicBoolean(true);
        TranscriptionProgress meetTheOther = (done, total) -> {
            if (bothStarted.getCount() > 0) {
                bothStarted.countDown();
                try {
                    overlapped.compareAndSet(true, bothStarted.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TimedTranscript firstParallel;
        TimedTranscript secondParallel;
        try (TranscriptionPool pool = new TranscriptionPool(2)) {
            Future<TimedTranscript> a = pool.submit(transcriber, first, meetTheOther);
            Future<TimedTranscript> b = pool.submit(transcriber, second, meetTheOther);
            firstParallel = a.get();
            secondParallel = b.get();
        }

        assertThat(overlapped).as("both jobs were running at the same time").isTrue();
        assertThat(firstAlone.wordCount()).isEqualTo(ToneWordAudio.cycling(90).expectedWords().size());
        assertThat(secondAlone.wordCount()).isEqualTo(4);
        assertThat(firstParallel).isEqualTo(firstAlone);
        assertThat(secondParallel).isEqualTo(secondAlone);
    }

    @Test
    void aFailingJobFailsItsFutureWithTheReason() throws Exception {
        Path html = Files.writeString(files.resolve("page.mp3"), "<!doctype html><title>Moved</title>");

        try (TranscriptionPool pool = new TranscriptionPool(1)) {
            Future<TimedTranscript> failing = pool.submit(transcriber, html, TranscriptionProgress.NONE);
            Future<TimedTranscript> next = pool.submit(transcriber, second, TranscriptionProgress.NONE);

            assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AudioDecodingException.class).hasMessageContaining(html.toString());
            assertThat(next.get().wordCount()).isEqualTo(4);
        }
    }

    @Test
    void cancellingARunningJobStopsIt() throws Exception {
        AtomicReference<Double> lastProgress = new AtomicReference<>(0.0);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);

        try (TranscriptionPool pool = new TranscriptionPool(1)) {
            Future<TimedTranscript> job = pool.submit(transcriber, first, (done, total) -> {
                lastProgress.set(done);
                running.countDown();
                try {
                    cancelled.await(); // hold the job at its first half second until it is cancelled
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            job.cancel(true);
            cancelled.countDown();
            assertThat(job.isCancelled()).isTrue();
        } // close() waits for the job's thread to finish

        assertThat(lastProgress.get()).as("seconds done when the job stopped (of 90)").isEqualTo(0.5);
    }

    @Test
    void parallelismIsAtLeastOneAndDefaultsToTheProcessors() {
        assertThatThrownBy(() -> new TranscriptionPool(0)).hasMessage("parallelism must be at least 1, not 0");
        try (TranscriptionPool pool = new TranscriptionPool()) {
            assertThat(pool.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }
}
