package dev.podgrep.transcribe.vosk;

import static dev.podgrep.transcribe.testing.ToneWordAssertions.assertWordsAtTheirTimes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20-minute episode (MP3, 22.05 kHz mono 64 kbps, a common podcast setting) through the whole chain: every word
 * at its time to the end, and memory that does not grow with the audio (the PCM of 20 minutes is 38 MB at 16 kHz;
 * a decoder or transcriber that held it would show).
 */
class LongEpisodeTranscriptionTest {

    private static final double MINUTES = 20;
    /** Java heap in use (after a full GC) may exceed what it was before the transcription by this much at most. */
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;
    /** Native memory (RSS less the committed Java heap) may grow by this much from minute 1 to minute 19. */
    private static final long NATIVE_GROWTH_LIMIT = 48L << 20;

    @TempDir
    Path temp;

    @Test
    void twentyMinutesComeOutWordForWordInBoundedMemory() throws Exception {
        ToneWordAudio audio = ToneWordAudio.cycling(MINUTES * 60);
        Path mp3 = audio.encode(temp.resolve("episode.mp3"), AudioEncoding.mp3(22_050, 1, 64));

        List<Long> heapDuring = new ArrayList<>();
        List<Long> nativeDuring = new ArrayList<>();
        TimedTranscript transcript;
        long heapBefore;
        try (VoskModel model = VoskModel.load(ToneWordModel.writeTo(temp.resolve("model")), "en")) {
            VoskTranscriber transcriber = new VoskTranscriber(model);
            heapBefore = usedHeapAfterGc();
            double[] probeAt = {60, 600, MINUTES * 60 - 60};
            int[] next = {0};
            transcript = transcriber.transcribe(mp3, OptionalDouble.empty(), (done, total) -> {
                if (next[0] < probeAt.length && done >= probeAt[next[0]]) {
                    next[0]++;
                    heapDuring.add(usedHeapAfterGc());
                    nativeDuring.add(residentBytes() - committedHeap());
                }
            });
        }

        assertWordsAtTheirTimes(transcript.words(), audio.expectedWords());
        assertThat(transcript.words().getLast().start()).isGreaterThan(MINUTES * 60 - 3);
        assertThat(transcript.complete()).isTrue();
        assertThat(transcript.segments()).allSatisfy(segment ->
                assertThat(segment.end() - segment.start()).isLessThanOrEqualTo(30.0));
        assertThat(transcript.segments()).extracting(Segment::start).isSorted();

        assertThat(heapDuring).hasSize(3).allSatisfy(heap ->
                assertThat(heap - heapBefore).as("Java heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT));
        assertThat(nativeDuring.getLast() - nativeDuring.getFirst()).as("native memory growth in bytes from minute 1 to 19")
                .isLessThan(NATIVE_GROWTH_LIMIT);
        System.out.printf("20 min episode: heap growth %d KB, native growth min 1 -> 19: %d KB%n",
                (heapDuring.getLast() - heapBefore) >> 10, (nativeDuring.getLast() - nativeDuring.getFirst()) >> 10);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** VmRSS of this process (Linux). */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) << 10;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
