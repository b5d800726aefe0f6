package dev.podgrep.transcribe.bench;

import dev.podgrep.transcribe.audio.PcmDecoder;
import dev.podgrep.transcribe.audio.PcmStream;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.vosk.TranscriptionPool;
import dev.podgrep.transcribe.vosk.TranscriptionProgress;
import dev.podgrep.transcribe.vosk.VoskModel;
import dev.podgrep.transcribe.vosk.VoskTranscriber;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;

/**
 * Figures for docs/benchmarks.md, section "Transcription (issue 3)": FFmpeg decoding speed, tiny-model recognition
 * speed with 1 and 2 parallel jobs, and the peak RSS of a JVM transcribing 30 versus 120 minutes. Not a test: run
 * it by hand (2 cores, nothing else busy) with
 * <pre>
 * mvn -q -pl transcribe test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.transcribe.bench.TranscribeBenchmark
 * </pre>
 * Generated audio is cached in {@code transcribe/target/benchmark/} (first run: about 2 minutes of encoding).
 * An optional argument names another work directory.
 */
public final class TranscribeBenchmark {

    private static final String PEAK_RSS_CHILD = "--peak-rss-child";
    /**
     * Heap settings of the child JVMs whose peak RSS is measured. With a capped heap G1 touches more of it the longer
     * it runs (garbage, not data held); with a fixed, pre-touched heap the heap's share of RSS is constant from the
     * start, so any growth would be FFmpeg's, Vosk's or the JVM's own memory.
     */
    private static final List<List<String>> CHILD_HEAPS = List.of(
            List.of("-Xmx256m"),
            List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch"));

    private TranscribeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals(PEAK_RSS_CHILD)) {
            transcribeAndReportPeakRss(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path work = Path.of(args.length > 0 ? args[0] : "transcribe/target/benchmark");
        if (args.length == 0 && !Files.isDirectory(Path.of("transcribe"))) {
            work = Path.of("target/benchmark"); // run from the module directory
        }
        Files.createDirectories(work);
        Path modelDirectory = ToneWordModel.writeTo(work.resolve("vosk-model-tone-words"));
        System.out.printf("machine: %d processors, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), Runtime.version());

        System.out.println("preparing audio (cached in " + work.toAbsolutePath() + ") ...");
        BenchAudio mp3Thirty = cached(work, "30min-44k-stereo-128k.mp3", 30, AudioEncoding.mp3(44_100, 2, 128));
        BenchAudio wavThirty = cached(work, "30min-16k-mono.wav", 30, null);
        BenchAudio podcastThirty = cached(work, "30min-22k-mono-64k.mp3", 30, AudioEncoding.mp3(22_050, 1, 64));
        BenchAudio podcastHundredTwenty = cached(work, "120min-22k-mono-64k.mp3", 120,
                AudioEncoding.mp3(22_050, 1, 64));

        List<String> rows = new ArrayList<>();

        double decodeSeconds = best(3, () -> decode(mp3Thirty.file()));
        rows.add(row("FFmpeg decode, 30 min MP3 44.1 kHz stereo 128 kbps -> 16 kHz mono PCM",
                decodeSeconds, 1800));

        try (VoskModel model = VoskModel.load(modelDirectory, "en")) {
            VoskTranscriber transcriber = new VoskTranscriber(model);
            transcriber.transcribe(podcastThirty.file()); // warm-up: JIT, native libraries

            double oneJob = best(2, () -> transcribe(transcriber, wavThirty));
            rows.add(row("Vosk tone-word model, 1 job, 30 min 16 kHz WAV (recognition alone)", oneJob, 1800));
            double twoJobs = best(2, () -> transcribeInParallel(transcriber, wavThirty, 2));
            rows.add(row("Vosk tone-word model, 2 parallel jobs on one model, 2 x 30 min WAV", twoJobs, 3600));
            System.out.printf("scaling 1 -> 2 jobs: %.2fx aggregate throughput%n", (3600 / twoJobs) / (1800 / oneJob));
            double endToEnd = best(2, () -> transcribe(transcriber, mp3Thirty));
            rows.add(row("decode + recognise, 1 job, 30 min MP3 44.1 kHz stereo 128 kbps", endToEnd, 1800));
        }

        System.out.println();
        System.out.println("| work | wall time | x realtime |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);

        System.out.println();
        System.out.println("| child JVM heap | transcribing | peak RSS (VmHWM) | words | wall time |");
        System.out.println("|---|---|---|---|---|");
        for (List<String> heap : CHILD_HEAPS) {
            for (BenchAudio audio : List.of(podcastThirty, podcastHundredTwenty)) {
                System.out.println(peakRssRow(heap, audio, modelDirectory));
            }
        }
    }

    /** A generated audio file and the number of words in it. */
    private record BenchAudio(Path file, int words) {
    }

    /** Writes (once) about {@code minutes} of cycling tone words, WAV 16 kHz mono when {@code encoding} is null. */
    private static BenchAudio cached(Path work, String name, int minutes, AudioEncoding encoding) throws IOException {
        ToneWordAudio audio = ToneWordAudio.cycling(minutes * 60);
        BenchAudio bench = new BenchAudio(work.resolve(name), audio.expectedWords().size());
        Path file = bench.file();
        if (Files.exists(file)) {
            return bench;
        }
        long started = System.nanoTime();
        Path partial = work.resolve(name + ".partial" + name.substring(name.lastIndexOf('.')));
        if (encoding == null) {
            audio.writeWav(partial, 16_000, 1);
        } else {
            audio.encode(partial, encoding);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("  %s: %.0f s to generate, %d MB%n", name, seconds(started), Files.size(file) >> 20);
        return bench;
    }

    private static double decode(Path audio) throws IOException {
        long started = System.nanoTime();
        try (PcmStream pcm = PcmDecoder.inProcess().open(audio)) {
            pcm.transferTo(OutputStream.nullOutputStream());
        }
        return seconds(started);
    }

    private static double transcribe(VoskTranscriber transcriber, BenchAudio audio) throws IOException {
        long started = System.nanoTime();
        TimedTranscript transcript = transcriber.transcribe(audio.file());
        double elapsed = seconds(started);
        requireAllWords(transcript, audio);
        return elapsed;
    }

    private static double transcribeInParallel(VoskTranscriber transcriber, BenchAudio audio, int jobs)
            throws Exception {
        long started = System.nanoTime();
        try (TranscriptionPool pool = new TranscriptionPool(jobs)) {
            List<Future<TimedTranscript>> running = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                running.add(pool.submit(transcriber, audio.file(), TranscriptionProgress.NONE));
            }
            for (Future<TimedTranscript> job : running) {
                requireAllWords(job.get(), audio);
            }
        }
        return seconds(started);
    }

    /** A benchmark of wrong results would be worthless: every generated word must come out. */
    private static void requireAllWords(TimedTranscript transcript, BenchAudio audio) {
        if (transcript.wordCount() != audio.words()) {
            throw new IllegalStateException(audio.file() + ": " + transcript.wordCount() + " words recognised of "
                    + audio.words());
        }
    }

    private static String peakRssRow(List<String> heap, BenchAudio audio, Path model)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(heap);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                TranscribeBenchmark.class.getName(), PEAK_RSS_CHILD, audio.file().toString(), model.toString()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (child.waitFor() != 0) {
            throw new IllegalStateException("child JVM failed: " + output);
        }
        String[] figures = output.lines().reduce((first, second) -> second).orElseThrow().split(" ");
        if (Integer.parseInt(figures[1]) != audio.words()) {
            throw new IllegalStateException(audio.file() + ": " + figures[1] + " words recognised of " + audio.words());
        }
        return String.format(Locale.ROOT, "| %s | %s | %d MB | %s | %s s |", String.join(" ", heap),
                audio.file().getFileName(),
                Long.parseLong(figures[0]) >> 10, figures[1], figures[2]);
    }

    /** In the child JVM: transcribes, then prints "peakRssKb words seconds". */
    private static void transcribeAndReportPeakRss(Path audio, Path modelDirectory) throws Exception {
        long started = System.nanoTime();
        TimedTranscript transcript;
        try (VoskModel model = VoskModel.load(modelDirectory, "en")) {
            transcript = new VoskTranscriber(model).transcribe(audio);
        }
        long peakKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                peakKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        System.out.printf(Locale.ROOT, "%d %d %.0f%n", peakKb, transcript.wordCount(), seconds(started));
    }

    /** The class path of this run (exec:java loads the project through its own class loader). */
    private static String classPath() {
        if (TranscribeBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private interface Measurement {
        double seconds() throws Exception;
    }

    private static double best(int runs, Measurement measurement) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, measurement.seconds());
        }
        return best;
    }

    private static String row(String work, double seconds, double audioSeconds) {
        String row = String.format(Locale.ROOT, "| %s | %.2f s | %.0fx |", work, seconds, audioSeconds / seconds);
        System.out.println(row);
        return row;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
