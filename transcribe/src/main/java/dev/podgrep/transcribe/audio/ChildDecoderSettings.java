package dev.podgrep.transcribe.audio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link PcmDecoder#inChildProcess child-process decoder} starts its child JVM and how long it waits for it.
 *
 * <p>The child's command line is {@code javaExecutable jvmOptions... launchArguments... <audio file>
 * <max audio seconds>}: {@code launchArguments} must make that JVM run {@value #MAIN_CLASS} with the FFmpeg
 * libraries ({@code org.bytedeco:ffmpeg}, {@code javacpp} and their {@code linux-x86_64} jars) and SLF4J on its
 * class path. Two ways:
 * <ul>
 *   <li>a plain class path, as Maven and IDEs run code ({@link #fromCurrentJvm()}):
 *       {@code -cp <java.class.path> dev.podgrep.transcribe.audio.DecoderProcessMain};</li>
 *   <li>an application packaged as one executable jar whose own launcher loads nested jars (Spring Boot's
 *       {@code podgrep.jar}): {@code -cp podgrep.jar -Dloader.main=dev.podgrep.transcribe.audio.DecoderProcessMain
 *       org.springframework.boot.loader.launch.PropertiesLauncher} (see {@link #withLaunchArguments}).</li>
 * </ul>
 *
 * @param javaExecutable    the {@code java} launcher of the child
 * @param jvmOptions        the child JVM's options ({@link #DEFAULT_JVM_OPTIONS}: small heap, fast start, native
 *                          access for FFmpeg, VM output and crash reports kept off the PCM pipe)
 * @param launchArguments   the arguments after the options that start {@value #MAIN_CLASS} (class path and class,
 *                          or a launcher)
 * @param noProgressTimeout once the child has started (it gets 60 s to), it is taken to hang, and killed, when
 *                          the reader has waited this long for PCM
 *                          (time the reader spends elsewhere, e.g. recognising, does not count)
 * @param decodingTimeLimit the total time the reader may wait for PCM from one child (its decoding time, not the
 *                          file's transcription time): a file that trickles out slowly is stopped here
 * @param limits            what the decoded audio may be
 */
public record ChildDecoderSettings(Path javaExecutable, List<String> jvmOptions, List<String> launchArguments,
                                   Duration noProgressTimeout, Duration decodingTimeLimit, DecodingLimits limits) {

    /** The child's main class. */
    public static final String MAIN_CLASS = "dev.podgrep.transcribe.audio.DecoderProcessMain";

    /**
     * The child JVM's default options: a 64 MB heap (PCM passes through in 1 s chunks; FFmpeg's memory is native),
     * the serial collector, C1 only and the CDS archive (start in a fraction of a second), native access for
     * JavaCPP, the VM's own output and its crash report header on stderr (never on the PCM pipe), no core dumps, and
     * crash reports in the temporary directory rather than the working directory.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:-UsePerfData",
            "--enable-native-access=ALL-UNNAMED", "-XX:+DisplayVMOutputToStderr", "-XX:-CreateCoredumpOnCrash",
            "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "podgrep-decoder-hs_err_pid%p.log"),
            "-Djava.awt.headless=true");

    /** Default of {@link #noProgressTimeout()}. */
    public static final Duration DEFAULT_NO_PROGRESS_TIMEOUT = Duration.ofSeconds(60);
    /** Default of {@link #decodingTimeLimit()}. */
    public static final Duration DEFAULT_DECODING_TIME_LIMIT = Duration.ofMinutes(30);

    public ChildDecoderSettings {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        jvmOptions = List.copyOf(jvmOptions);
        launchArguments = List.copyOf(launchArguments);
        if (launchArguments.isEmpty()) {
            throw new IllegalArgumentException("launchArguments must start " + MAIN_CLASS);
        }
        requirePositive(noProgressTimeout, "noProgressTimeout");
        requirePositive(decodingTimeLimit, "decodingTimeLimit");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * The child runs this JVM's {@code java} ({@code java.home}) with this code's class path
     * ({@link #currentClassPath()}) and the default options, timeouts and limits: right when this code runs from a
     * plain class path (Maven, an IDE, {@code java -cp}, {@code exec:java}), not from a jar whose launcher loads
     * nested jars.
     */
    public static ChildDecoderSettings fromCurrentJvm() {
        return new ChildDecoderSettings(currentJava(), DEFAULT_JVM_OPTIONS,
                List.of("-cp", currentClassPath(), MAIN_CLASS),
                DEFAULT_NO_PROGRESS_TIMEOUT, DEFAULT_DECODING_TIME_LIMIT, DecodingLimits.DEFAULT);
    }

    /**
     * The class path this code was loaded from: the URLs of its class loader when that is a {@code URLClassLoader}
     * (tools such as Maven's {@code exec:java} load a project through one, while {@code java.class.path} names only
     * the tool's own launcher), else {@code java.class.path}.
     */
    static String currentClassPath() {
        if (ChildDecoderSettings.class.getClassLoader() instanceof java.net.URLClassLoader loader
                && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException notAFile) {
                    // not a file on disk: the child could not use it anyway
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** This JVM's {@code java} launcher ({@code $java.home/bin/java}). */
    public static Path currentJava() {
        String launcher = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "java.exe" : "java";
        return Path.of(System.getProperty("java.home"), "bin", launcher);
    }

    /** These settings with another {@code java} launcher. */
    public ChildDecoderSettings withJavaExecutable(Path java) {
        return new ChildDecoderSettings(java, jvmOptions, launchArguments, noProgressTimeout, decodingTimeLimit,
                limits);
    }

    /** These settings with other JVM options (replacing, not adding to, the current ones). */
    public ChildDecoderSettings withJvmOptions(List<String> options) {
        return new ChildDecoderSettings(javaExecutable, options, launchArguments, noProgressTimeout,
                decodingTimeLimit, limits);
    }

    /**
     * These settings with other launch arguments, e.g. for Spring Boot's executable jar:
     * {@code List.of("-cp", "/opt/podgrep/podgrep.jar", "-Dloader.main=" + MAIN_CLASS,
     * "org.springframework.boot.loader.launch.PropertiesLauncher")}.
     */
    public ChildDecoderSettings withLaunchArguments(List<String> arguments) {
        return new ChildDecoderSettings(javaExecutable, jvmOptions, arguments, noProgressTimeout, decodingTimeLimit,
                limits);
    }

    /** These settings with another {@link #noProgressTimeout()}. */
    public ChildDecoderSettings withNoProgressTimeout(Duration timeout) {
        return new ChildDecoderSettings(javaExecutable, jvmOptions, launchArguments, timeout, decodingTimeLimit,
                limits);
    }

    /** These settings with another {@link #decodingTimeLimit()}. */
    public ChildDecoderSettings withDecodingTimeLimit(Duration limit) {
        return new ChildDecoderSettings(javaExecutable, jvmOptions, launchArguments, noProgressTimeout, limit,
                limits);
    }

    /** These settings with other {@link DecodingLimits}. */
    public ChildDecoderSettings withLimits(DecodingLimits decodingLimits) {
        return new ChildDecoderSettings(javaExecutable, jvmOptions, launchArguments, noProgressTimeout,
                decodingTimeLimit, decodingLimits);
    }

    /** The child's full command line for {@code file}. */
    List<String> command(Path file) {
        return command(List.of(file.toAbsolutePath().toString(),
                Long.toString(limits.maxAudioDuration().toMillis())));
    }

    /** The child's full command line with {@code arguments} for its main class. */
    List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        command.addAll(launchArguments);
        command.addAll(arguments);
        return command;
    }

    /** The launch arguments for messages, shortened. */
    String describeLaunch() {
        String joined = String.join(" ", launchArguments);
        return joined.length() > 300 ? joined.substring(0, 300) + "..." : joined;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
