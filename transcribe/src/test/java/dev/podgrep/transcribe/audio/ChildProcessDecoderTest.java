package dev.podgrep.transcribe.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child-process decoder against the real child JVM and real FFmpeg, attacked from outside the way a native
 * crash or a hang looks to the parent: signals sent to the child with {@code kill}.
 */
class ChildProcessDecoderTest {

    private static final ToneWordAudio SCRIPT = ToneWordAudio.parse(
            "silence 1.0, alpha 0.5, silence 0.3, charlie 0.6, silence 0.5, delta 0.5, silence 1.0, bravo 0.4,"
                    + " silence 1.0");

    @TempDir
    static Path files;

    private final ChildDecoderSettings settings = ChildDecoderSettings.fromCurrentJvm()
            .withNoProgressTimeout(Duration.ofSeconds(2));
    private final PcmDecoder child = PcmDecoder.inChildProcess(settings);
    private final PcmDecoder inProcess = PcmDecoder.inProcess();
    private ChildProcessPcmStream opened;

    @BeforeAll
    static void encode() {
        SCRIPT.encode(files.resolve("stereo44k.mp3"), AudioEncoding.mp3(44_100, 2, 128));
        SCRIPT.encode(files.resolve("mono.ogg"), AudioEncoding.oggOpus(1, 32));
        // long enough that the child is still decoding when the tests strike: 20 min of 16 kHz WAV is 38 MB
        ToneWordAudio.cycling(20 * 60).writeWav(files.resolve("long.wav"), 16_000, 1);
    }

    @AfterEach
    void noChildLeftBehind() throws Exception {
        if (opened != null) {
            opened.close();
            ProcessHandle handle = ProcessHandle.of(opened.pid()).orElse(null);
            assertThat(handle == null || !handle.isAlive()).as("child %d is gone", opened.pid()).isTrue();
        }
        assertThat(ProcessHandle.current().children()).as("children of the test JVM").isEmpty();
    }

    @Test
    void anMp3ComesOutOfTheChildByteForByteAsInProcess() throws IOException {
        byte[] here;
        try (PcmStream pcm = inProcess.open(files.resolve("stereo44k.mp3"))) {
            here = pcm.readAllBytes();
        }
        OptionalDouble declared;
        try (PcmStream pcm = inProcess.open(files.resolve("stereo44k.mp3"))) {
            declared = pcm.durationSeconds();
        }
        try (PcmStream pcm = child.open(files.resolve("stereo44k.mp3"))) {
            assertThat(pcm).isInstanceOf(ChildProcessPcmStream.class);
            assertThat(pcm.durationSeconds()).isEqualTo(declared).isPresent();
            assertThat(pcm.readAllBytes()).isEqualTo(here);
            assertThat(pcm.secondsDecoded()).isEqualTo(here.length / 32_000.0);
            assertThat(pcm.incompleteReason()).isEmpty();
            assertThat(pcm.complete()).isTrue();
        }
    }

    @Test
    void aChildKilledMidDecodeIsACrashOfThatFileAndTheParentGoesOn() throws Exception {
        opened = (ChildProcessPcmStream) child.open(files.resolve("long.wav"));
        opened.readNBytes(32_000 * 5);

        signal("KILL", opened.pid());

        assertThatThrownBy(() -> opened.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(DecoderFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DecoderFailedException.Kind.CRASHED);
                    assertThat(e.reason()).isEqualTo("the decoder crashed on this file (signal 9, SIGKILL)");
                    assertThat(e).hasMessage("Cannot decode audio file " + files.resolve("long.wav")
                            + ": the decoder crashed on this file (signal 9, SIGKILL)");
                });
        assertThat(ProcessHandle.of(opened.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        try (PcmStream next = child.open(files.resolve("mono.ogg"))) {
            assertThat(next.readAllBytes().length / 32_000.0).isCloseTo(SCRIPT.durationSeconds(),
                    org.assertj.core.api.Assertions.within(0.03));
        }
    }

    @Test
    void aNativeCrashInTheChildIsReportedWithItsSignal() throws Exception {
        opened = (ChildProcessPcmStream) child.open(files.resolve("long.wav"));
        opened.readNBytes(32_000);

        signal("SEGV", opened.pid()); // what HotSpot sees when FFmpeg dereferences a bad pointer

        assertThatThrownBy(() -> opened.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(DecoderFailedException.class)
                .hasMessageEndingWith(": the decoder crashed on this file (signal 11, SIGSEGV)");
    }

    @Test
    void aStoppedChildIsAHangAfterTheDeadlineAndIsKilled() throws Exception {
        opened = (ChildProcessPcmStream) child.open(files.resolve("long.wav"));
        opened.readNBytes(32_000);
        signal("STOP", opened.pid());
        long started = System.nanoTime();

        assertThatThrownBy(() -> opened.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(DecoderFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DecoderFailedException.Kind.HUNG);
                    assertThat(e.reason()).isEqualTo("the decoder hung on this file (no progress for 2 s)");
                });
        double waited = (System.nanoTime() - started) / 1e9;
        assertThat(waited).isBetween(1.5, 10.0); // the pipe's buffer is read first, then 2 s without progress
        assertThat(ProcessHandle.of(opened.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aSlowReaderIsNotAHang() throws Exception {
        try (PcmStream pcm = child.open(files.resolve("stereo44k.mp3"))) {
            byte[] buffer = new byte[8_000];
            long total = 0;
            for (int n, reads = 0; (n = pcm.read(buffer)) > 0; reads++) {
                total += n;
                if (reads == 2) {
                    Thread.sleep(3_000); // longer than the no-progress timeout, but the child is not the one waiting
                }
            }
            assertThat(total / 32_000.0).isCloseTo(SCRIPT.durationSeconds(), org.assertj.core.api.Assertions.within(0.03));
        }
    }

    @Test
    void interruptingTheReaderKillsTheChildAtOnce() throws Exception {
        opened = (ChildProcessPcmStream) PcmDecoder.inChildProcess(settings.withNoProgressTimeout(Duration.ofMinutes(5)))
                .open(files.resolve("long.wav"));
        opened.readNBytes(32_000);
        signal("STOP", opened.pid());
        CompletableFuture<Thread> readerThread = new CompletableFuture<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            readerThread.complete(Thread.currentThread());
            try {
                opened.transferTo(OutputStream.nullOutputStream());
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(500);
        readerThread.get().interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("interrupted");
    }

    @Test
    void closingTheStreamEarlyKillsTheChild() throws Exception {
        ChildProcessPcmStream pcm = (ChildProcessPcmStream) child.open(files.resolve("long.wav"));
        pcm.readNBytes(1000);
        ProcessHandle handle = ProcessHandle.of(pcm.pid()).orElseThrow();

        pcm.close();

        assertThat(handle.isAlive()).isFalse();
    }

    @Test
    void theChildExitsWhenItsParentIsKilled() throws Exception {
        Path pidFile = files.resolve("child.pid");
        Files.deleteIfExists(pidFile);
        List<String> command = List.of(ChildDecoderSettings.currentJava().toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DecodingParent.class.getName(), files.resolve("long.wav").toString(), pidFile.toString());
        Process parent = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
                assertThat(System.nanoTime()).as("the parent reports its child").isLessThan(deadline);
                Thread.sleep(100);
            }
            ProcessHandle orphan = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
            assertThat(orphan.isAlive()).isTrue();

            signal("KILL", parent.pid());

            assertThat(orphan.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void aDecoderThatCannotStartIsNotTheFilesFault() {
        PcmDecoder broken = PcmDecoder.inChildProcess(settings.withLaunchArguments(
                List.of("-cp", files.resolve("nothing-here").toString(), ChildDecoderSettings.MAIN_CLASS)));

        assertThatThrownBy(() -> broken.open(files.resolve("stereo44k.mp3")))
                .isInstanceOf(DecoderStartException.class)
                .isNotInstanceOf(AudioDecodingException.class)
                .hasMessageContaining("the decoder process ended before it was ready (exit code 1")
                .hasMessageContaining("Could not find or load main class " + ChildDecoderSettings.MAIN_CLASS);

        PcmDecoder noJava = PcmDecoder.inChildProcess(settings.withJavaExecutable(files.resolve("no-java")));
        assertThatThrownBy(() -> noJava.open(files.resolve("stereo44k.mp3")))
                .isInstanceOf(DecoderStartException.class)
                .hasMessageStartingWith("cannot start the decoder process (" + files.resolve("no-java"));
    }

    @Test
    void badFilesGetTheSameClearErrorsAsInProcess() throws IOException {
        byte[] mp3 = Files.readAllBytes(files.resolve("stereo44k.mp3"));
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        List<Path> bad = List.of(
                Files.writeString(files.resolve("page.mp3"), "<!DOCTYPE html>\n<html><body>404</body></html>\n"),
                Files.write(files.resolve("noise.mp3"), noise),
                Files.write(files.resolve("empty.mp3"), new byte[0]),
                files.resolve("missing.mp3"),
                Files.writeString(files.resolve("subtitles.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHi\n"));
        for (Path file : bad) {
            String expected = messageOf(() -> inProcess.open(file));
            assertThat(messageOf(() -> child.open(file))).as(file.getFileName().toString()).isEqualTo(expected)
                    .startsWith("Cannot decode audio file " + file + ": ");
        }
        Path truncated = Files.write(files.resolve("truncated.mp3"), Arrays.copyOf(mp3, mp3.length / 2));
        try (PcmStream here = inProcess.open(truncated); PcmStream there = child.open(truncated)) {
            assertThat(there.readAllBytes()).isEqualTo(here.readAllBytes());
            assertThat(there.incompleteReason()).isPresent().isEqualTo(here.incompleteReason());
            assertThat(there.complete()).isFalse();
        }
    }

    @Test
    void audioLongerThanTheLimitStopsWithAClearError() throws IOException {
        DecodingLimits threeSeconds = new DecodingLimits(Duration.ofSeconds(3));
        Path declaresItsLength = files.resolve("stereo44k.mp3");
        Path rawAac = SCRIPT.encode(files.resolve("raw.aac"), AudioEncoding.adtsAac(44_100, 1, 64));

        for (PcmDecoder decoder : List.of(PcmDecoder.inProcess(threeSeconds),
                PcmDecoder.inChildProcess(settings.withLimits(threeSeconds)))) {
            assertThatThrownBy(() -> decoder.open(declaresItsLength)).as("%s, MP3 with a LAME header", decoder)
                    .isInstanceOf(AudioTooLongException.class)
                    .hasMessage("Cannot decode audio file " + declaresItsLength
                            + ": the audio is longer than the 3 s limit (the file declares 5.8 s)");
            try (PcmStream pcm = decoder.open(rawAac)) {
                assertThatThrownBy(() -> pcm.transferTo(OutputStream.nullOutputStream()))
                        .as("%s, raw AAC: no exact duration before decoding", decoder)
                        .isInstanceOf(AudioTooLongException.class)
                        .hasMessage("Cannot decode audio file " + rawAac + ": the audio is longer than the 3 s limit");
                assertThat(pcm.secondsDecoded()).isLessThanOrEqualTo(3.0);
            }
        }
    }

    private interface Opening {
        PcmStream open() throws IOException;
    }

    private static String messageOf(Opening opening) {
        try (PcmStream pcm = opening.open()) {
            return "opened: " + pcm;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }

    /** A parent JVM for {@link #theChildExitsWhenItsParentIsKilled}: decodes in a child, writes its pid, waits. */
    public static final class DecodingParent {
        public static void main(String[] args) throws Exception {
            PcmDecoder decoder = PcmDecoder.inChildProcess(ChildDecoderSettings.fromCurrentJvm());
            ChildProcessPcmStream pcm = (ChildProcessPcmStream) decoder.open(Path.of(args[0]));
            pcm.readNBytes(1000);
            Files.writeString(Path.of(args[1]), Long.toString(pcm.pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
