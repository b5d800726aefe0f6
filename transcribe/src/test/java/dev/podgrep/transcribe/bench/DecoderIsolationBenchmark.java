package dev.podgrep.transcribe.bench;

import dev.podgrep.transcribe.audio.AudioClipper;
import dev.podgrep.transcribe.audio.ChildDecoderSettings;
import dev.podgrep.transcribe.audio.ClipTags;
import dev.podgrep.transcribe.audio.PcmDecoder;
import dev.podgrep.transcribe.audio.PcmStream;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.vosk.VoskModel;
import dev.podgrep.transcribe.vosk.VoskTranscriber;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Figures for docs/benchmarks.md, section "Decoder child process and clips (issues 10, 12)": what decoding in a child
 * JVM costs per file beside decoding in-process (same files, same run), the child's start-up with and without its
 * JVM options, and cutting a 30 s clip out of a 2-hour MP3. Not a test: run it by hand with
 * <pre>
 * mvn -q -pl transcribe test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.transcribe.bench.DecoderIsolationBenchmark [-Dexec.args=search-api/target/podgrep.jar]
 * </pre>
 * With a podgrep.jar argument the child is also started the way the packaged application starts it (Spring Boot's
 * PropertiesLauncher). Generated audio is cached in {@code transcribe/target/benchmark/}.
 */
public final class DecoderIsolationBenchmark {

    private DecoderIsolationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(Files.isDirectory(Path.of("transcribe")) ? "transcribe/target/benchmark" : "target/benchmark");
        Files.createDirectories(work);
        System.out.printf("machine: %d processors, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        Path second = cached(work, "1s-44k-stereo-128k.mp3", 1, AudioEncoding.mp3(44_100, 2, 128));
        Path twoMinutes = cached(work, "2min-44k-stereo-128k.mp3", 120, AudioEncoding.mp3(44_100, 2, 128));
        Path thirtyMinutes = cached(work, "30min-44k-stereo-128k.mp3", 1800, AudioEncoding.mp3(44_100, 2, 128));
        Path twoHours = cached(work, "120min-22k-mono-64k.mp3", 7200, AudioEncoding.mp3(22_050, 1, 64));

        PcmDecoder inProcess = PcmDecoder.inProcess();
        // exec:java runs in Maven's JVM, whose java.class.path is Maven's own: give the child this run's class path
        ChildDecoderSettings defaults = ChildDecoderSettings.fromCurrentJvm()
                .withLaunchArguments(List.of("-cp", classPath(), ChildDecoderSettings.MAIN_CLASS));
        PcmDecoder child = PcmDecoder.inChildProcess(defaults);
        decode(inProcess, second); // warm-up: native libraries, JIT
        decode(child, second);

        System.out.println();
        System.out.println("| file | in-process decode | child-process decode | child's extra cost | extra per"
                + " hour of audio |");
        System.out.println("|---|---|---|---|---|");
        for (Path file : List.of(second, twoMinutes, thirtyMinutes)) {
            double here = Double.MAX_VALUE;
            double there = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) { // interleaved, so that load from other builds hits both alike
                here = Math.min(here, decode(inProcess, file));
                there = Math.min(there, decode(child, file));
            }
            double audioHours = audioSeconds(file) / 3600;
            System.out.printf(Locale.ROOT, "| %s | %.3f s | %.3f s | +%.3f s (%.2fx) | %s |%n", file.getFileName(),
                    here, there, there - here, there / here,
                    audioHours < 0.01 ? "-" : String.format(Locale.ROOT, "%.2f s", (there - here) / audioHours));
        }

        System.out.println();
        System.out.println("| child JVM options | 1 s MP3 through the child (best of 5) |");
        System.out.println("|---|---|");
        List<List<String>> variants = List.of(defaults.jvmOptions(), List.of("--enable-native-access=ALL-UNNAMED"),
                List.of("--enable-native-access=ALL-UNNAMED", "-Xshare:off"));
        for (List<String> options : variants) {
            PcmDecoder variant = PcmDecoder.inChildProcess(defaults.withJvmOptions(options));
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                best = Math.min(best, decode(variant, second));
            }
            String name = options == defaults.jvmOptions() ? "defaults (" + String.join(" ", options.subList(0, 5))
                    + " ...)" : String.join(" ", options);
            System.out.printf(Locale.ROOT, "| %s | %.3f s |%n", name, best);
        }
        if (args.length > 0) {
            PcmDecoder fatJar = PcmDecoder.inChildProcess(defaults.withLaunchArguments(List.of("-cp", args[0],
                    "-Dloader.main=" + ChildDecoderSettings.MAIN_CLASS,
                    "org.springframework.boot.loader.launch.PropertiesLauncher")));
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                best = Math.min(best, decode(fatJar, second));
            }
            System.out.printf(Locale.ROOT, "| defaults, launched from %s (PropertiesLauncher) | %.3f s |%n",
                    Path.of(args[0]).getFileName(), best);
        }

        System.out.println();
        try (VoskModel model = VoskModel.load(ToneWordModel.writeTo(work.resolve("vosk-model-tone-words")), "en")) {
            VoskTranscriber here = new VoskTranscriber(model, inProcess);
            VoskTranscriber there = new VoskTranscriber(model, child);
            here.transcribe(twoMinutes);
            double inProcessTranscription = Double.MAX_VALUE;
            double childTranscription = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                inProcessTranscription = Math.min(inProcessTranscription, time(() -> here.transcribe(twoMinutes)));
                childTranscription = Math.min(childTranscription, time(() -> there.transcribe(twoMinutes)));
            }
            System.out.printf(Locale.ROOT, "transcription of the 2 min MP3 with the tone-word model: in-process %.3f s,"
                    + " child %.3f s (%.2fx)%n", inProcessTranscription, childTranscription,
                    childTranscription / inProcessTranscription);
        }

        System.out.println();
        ClipTags tags = new ClipTags("bench — \"2 hours\" (2026-01-01), 1:30:00–1:30:30", "bench", "2 hours");
        Path clip = work.resolve("clip.mp3");
        AudioClipper clipper = AudioClipper.inProcess();
        AudioClipper childClipper = AudioClipper.inChildProcess(defaults);
        clipper.cut(twoHours, 10, 40, tags, clip); // warm-up
        double late = Double.MAX_VALUE;
        double early = Double.MAX_VALUE;
        double lateInChild = Double.MAX_VALUE;
        double decodeThrough = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            late = Math.min(late, time(() -> clipper.cut(twoHours, 5400, 5430, tags, clip)));
            early = Math.min(early, time(() -> clipper.cut(twoHours, 0, 30, tags, clip)));
            lateInChild = Math.min(lateInChild, time(() -> childClipper.cut(twoHours, 5400, 5430, tags, clip)));
            decodeThrough = Math.min(decodeThrough, time(() -> {
                try (PcmStream pcm = inProcess.open(twoHours)) {
                    pcm.skipNBytes(5400L * PcmDecoder.BYTES_PER_SECOND);
                    pcm.readNBytes(30 * PcmDecoder.BYTES_PER_SECOND);
                }
            }));
        }
        System.out.println("| 30 s clip of the 2-hour MP3 (22 kHz mono 64 kbps), best of 3 | wall time | ratio |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| baseline: the same cut at 0:00 (decode + encode 30 s, no seek) | %.3f s |"
                + " 1.00x |%n", early);
        System.out.printf(Locale.ROOT, "| AudioClipper in-process, 1:30:00-1:30:30 | %.3f s | %.2fx |%n", late,
                late / early);
        System.out.printf(Locale.ROOT, "| AudioClipper in the child process, 1:30:00-1:30:30 | %.3f s | %.2fx |%n",
                lateInChild, lateInChild / early);
        System.out.printf(Locale.ROOT, "| without seeking: decode from the start to 1:30:30 (no encoding) | %.3f s |"
                + " %.2fx |%n", decodeThrough, decodeThrough / early);
    }

    /** The class path of this run (exec:java loads the project through its own class loader). */
    private static String classPath() throws Exception {
        if (DecoderIsolationBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> entries = new java.util.ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double decode(PcmDecoder decoder, Path file) throws Exception {
        return time(() -> {
            try (PcmStream pcm = decoder.open(file)) {
                pcm.transferTo(OutputStream.nullOutputStream());
            }
        });
    }

    private static double audioSeconds(Path file) throws IOException {
        try (PcmStream pcm = PcmDecoder.inProcess().open(file)) {
            return pcm.durationSeconds().orElse(0);
        }
    }

    private static Path cached(Path work, String name, int seconds, AudioEncoding encoding) throws IOException {
        Path file = work.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        long started = System.nanoTime();
        Path partial = work.resolve(name + ".partial.mp3");
        ToneWordAudio audio = seconds < 3 ? ToneWordAudio.parse("silence 0.2, alpha 0.5, silence 0.3")
                : ToneWordAudio.cycling(seconds);
        audio.encode(partial, encoding);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("  %s: %.0f s to generate%n", name, (System.nanoTime() - started) / 1e9);
        return file;
    }
}
