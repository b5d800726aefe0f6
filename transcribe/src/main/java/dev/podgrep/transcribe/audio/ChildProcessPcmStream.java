package dev.podgrep.transcribe.audio;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PcmStream} decoded by a child JVM ({@link DecoderProcessMain}): the PCM arrives over the child's standard
 * output in {@link DecoderProtocol} frames. FFmpeg never runs in this process, so a file that crashes it costs one
 * child, reported as a {@link DecoderFailedException}.
 *
 * <p>A watchdog (one shared daemon thread, a tick every {@value #TICK_MILLIS} ms) kills the child (SIGKILL) when the
 * reader has waited for PCM longer than {@link ChildDecoderSettings#noProgressTimeout()} at once or
 * {@link ChildDecoderSettings#decodingTimeLimit()} in total, or when the reading thread is interrupted while it
 * waits; {@link #close()} kills a child that has not finished. The child also ends by itself when its standard input
 * closes, so it does not outlive this process either.
 */
final class ChildProcessPcmStream extends PcmStream {

    private static final Logger log = LoggerFactory.getLogger(ChildProcessPcmStream.class);
    private static final Logger childLog = LoggerFactory.getLogger("dev.podgrep.transcribe.audio.DecoderProcess");

    static final long TICK_MILLIS = 100;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    /**
     * How long a child may take to start (JVM, class path, FFmpeg's libraries) before it is killed: generous, as a
     * loaded machine can take seconds, and not the file's fault; the no-progress timeout starts after it.
     */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int STDERR_LINES_KEPT = 40;
    private static final int STDERR_LINE_CHARS = 500;
    /** HotSpot's crash report header, e.g. "#  SIGSEGV (0xb) at pc=0x00007f..., pid=1234, tid=1250". */
    private static final Pattern JVM_CRASH = Pattern.compile("#\\s+(SIG[A-Z0-9]+) \\(0x([0-9a-fA-F]+)\\)");
    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 4, "SIGILL", 6, "SIGABRT",
            7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM");

    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "pcm-decoder-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    private final ChildDecoderSettings settings;
    private final Process process;
    private final DataInputStream frames;
    private final StderrTail stderr;
    private final ScheduledFuture<?> watch;
    private final long maxPcmBytes;

    /** The thread blocked reading the pipe, when one is. */
    private volatile Thread reader;
    /** When the current wait for the child's output began (System.nanoTime), 0 when nobody waits. */
    private volatile long waitingSince;
    /** Nanoseconds spent waiting for the child's output in completed waits. */
    private volatile long waitedNanos;
    /** Why the watchdog killed the child, null while it has not. */
    private volatile Failure killed;

    /** READY has arrived: the JVM is up and FFmpeg loaded; before, only {@link #STARTUP_TIMEOUT} applies. */
    private volatile boolean ready;
    private boolean finished;
    private boolean closed;
    private OptionalDouble declaredDuration = OptionalDouble.empty();
    private String incompleteReason;
    private byte[] frame = new byte[0];
    private int framePosition;
    private int frameLimit;
    private long bytesReceived;
    private long bytesDelivered;

    /** Why the child was killed: a hang (the file's fault) or an interrupt (the caller's wish). */
    private record Failure(boolean interrupted, String reason) {
    }

    private ChildProcessPcmStream(Path file, ChildDecoderSettings settings, Process process) {
        super(file);
        this.settings = settings;
        this.process = process;
        this.maxPcmBytes = settings.limits().maxPcmBytes();
        this.frames = new DataInputStream(new BufferedInputStream(new WatchedInput(process.getInputStream()),
                1 << 16));
        this.stderr = new StderrTail(process.getErrorStream(), "pcm-decoder-stderr-" + process.pid());
        this.watch = WATCHDOG.scheduleWithFixedDelay(this::checkDeadlines, TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    static ChildProcessPcmStream open(Path file, ChildDecoderSettings settings) throws IOException {
        FfmpegPcmStream.checkReadableAudioFile(file);
        List<String> command = settings.command(file);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new DecoderStartException("cannot start the decoder process (" + settings.javaExecutable() + " "
                    + settings.describeLaunch() + "): " + e.getMessage(), e);
        }
        log.debug("{}: decoding in child process {}", file, process.pid());
        ChildProcessPcmStream stream = new ChildProcessPcmStream(file, settings, process);
        try {
            stream.awaitHeader();
            return stream;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Reads READY then HEADER (or the child's error) from the pipe. */
    private void awaitHeader() throws IOException {
        int type = readType();
        if (type == DecoderProtocol.ERROR) {
            throw childError();
        }
        if (type != DecoderProtocol.READY) {
            throw died(type < 0 ? null : new DecoderProtocol.ProtocolException("frame type " + type + " first"));
        }
        ready = true;
        type = readType();
        if (type == DecoderProtocol.ERROR) {
            throw childError();
        }
        if (type != DecoderProtocol.HEADER) {
            throw died(type < 0 ? null : new DecoderProtocol.ProtocolException("frame type " + type
                    + " instead of the header"));
        }
        double declared = pipe(frames::readDouble);
        declaredDuration = Double.isFinite(declared) && declared > 0 ? OptionalDouble.of(declared)
                : OptionalDouble.empty();
    }

    @Override
    public OptionalDouble durationSeconds() {
        return declaredDuration;
    }

    @Override
    public double secondsDecoded() {
        return bytesDelivered / (double) PcmDecoder.BYTES_PER_SECOND;
    }

    @Override
    public Optional<String> incompleteReason() {
        return finished && !incompleteReason.isEmpty() ? Optional.of(incompleteReason) : Optional.empty();
    }

    @Override
    boolean finished() {
        return finished && framePosition == frameLimit;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("PCM stream of " + file() + " is closed");
        }
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        while (framePosition == frameLimit) {
            if (finished || !nextFrame()) {
                return -1;
            }
        }
        int n = Math.min(length, frameLimit - framePosition);
        System.arraycopy(frame, framePosition, target, offset, n);
        framePosition += n;
        bytesDelivered += n;
        return n;
    }

    @Override
    public int available() {
        return frameLimit - framePosition;
    }

    /** Reads the next frame: true with PCM in {@link #frame}, false at the end of the audio. */
    private boolean nextFrame() throws IOException {
        int type = readType();
        switch (type) {
            case DecoderProtocol.PCM -> {
                int length = pipe(frames::readInt);
                if (length <= 0 || length > DecoderProtocol.MAX_PCM_FRAME || length % 2 != 0) {
                    throw died(new DecoderProtocol.ProtocolException("a PCM frame of " + length + " bytes"));
                }
                if (frame.length < length) {
                    frame = new byte[length];
                }
                byte[] into = frame;
                pipe(() -> {
                    frames.readFully(into, 0, length);
                    return null;
                });
                framePosition = 0;
                frameLimit = length;
                bytesReceived += length;
                if (bytesReceived > maxPcmBytes) {
                    kill();
                    throw new AudioTooLongException(file(), settings.limits().maxAudioDuration(), null);
                }
                return true;
            }
            case DecoderProtocol.END -> {
                incompleteReason = pipe(() -> DecoderProtocol.readText(frames));
                finished = true;
                awaitExit();
                return false;
            }
            case DecoderProtocol.ERROR -> throw childError();
            default -> throw died(type < 0 ? null : new DecoderProtocol.ProtocolException("frame type " + type));
        }
    }

    /** Turns the child's ERROR frame into the exception it stands for. */
    private IOException childError() throws IOException {
        int kind = pipe(frames::readUnsignedByte);
        String reason = pipe(() -> DecoderProtocol.readText(frames));
        awaitExit();
        if (!ready) {
            return new DecoderStartException("the decoder process could not start: " + reason + stderr.summary(),
                    null);
        }
        return switch (kind) {
            case DecoderProtocol.TOO_LONG -> new AudioTooLongException(file(), settings.limits().maxAudioDuration(),
                    reason.isEmpty() ? null : reason);
            case DecoderProtocol.UNDECODABLE -> new AudioDecodingException(file(), reason);
            default -> new DecoderFailedException(file(), DecoderFailedException.Kind.CRASHED,
                    "the decoder failed on this file: " + reason);
        };
    }

    /**
     * The exception for a child that stopped writing without END or ERROR: killed by the watchdog (hang, interrupt),
     * dead (crash, a kill from outside), or never started.
     */
    private IOException died(IOException pipeProblem) {
        int exit = awaitExit(); // a crashing JVM writes its report first: let it finish, within EXIT_WAIT
        Failure failure = killed;
        if (failure != null && !failure.interrupted() && !ready) {
            return new DecoderStartException("the decoder process was killed: " + failure.reason() + " ("
                    + settings.javaExecutable() + " " + settings.describeLaunch() + ")" + stderr.summary(),
                    pipeProblem);
        }
        if (failure != null) {
            return failure.interrupted()
                    ? new InterruptedIOException("decoding of " + file() + " interrupted after "
                    + Math.round(secondsDecoded()) + " s")
                    : new DecoderFailedException(file(), DecoderFailedException.Kind.HUNG,
                    "the decoder hung on this file (" + failure.reason() + ")");
        }
        if (!ready) {
            return new DecoderStartException("the decoder process ended before it was ready (" + exitStatus(exit)
                    + "; " + settings.javaExecutable() + " " + settings.describeLaunch() + ")" + stderr.summary(),
                    pipeProblem);
        }
        Optional<Path> report = crashReport(settings, process.pid());
        String how = crashDescription(exit, stderr.text(), report);
        log.warn("{}: the decoder process {} crashed ({}){}{}", file(), process.pid(), how, stderr.summary(),
                report.map(path -> "; crash report " + path).orElse(""));
        DecoderFailedException crash = new DecoderFailedException(file(), DecoderFailedException.Kind.CRASHED,
                "the decoder crashed on this file (" + how + ")");
        if (pipeProblem != null) {
            crash.addSuppressed(pipeProblem);
        }
        return crash;
    }

    /**
     * "signal 11, SIGSEGV", from HotSpot's crash report (its header goes to the child's stdout, the PCM pipe, so it
     * is read from the report file) or the exit status; "exit code 1" otherwise.
     */
    static String crashDescription(int exit, String stderrText, Optional<Path> reportFile) {
        String reportHead = reportFile.map(ChildProcessPcmStream::head).orElse("");
        for (String text : List.of(stderrText, reportHead)) {
            Matcher report = JVM_CRASH.matcher(text);
            if (report.find()) {
                return "signal " + Integer.parseInt(report.group(2), 16) + ", " + report.group(1);
            }
        }
        if (stderrText.contains("OutOfMemoryError")) {
            return "out of memory, " + exitStatus(exit);
        }
        return exitStatus(exit);
    }

    /** HotSpot's crash report of the child, where {@code -XX:ErrorFile} (or HotSpot's default) puts it. */
    static Optional<Path> crashReport(ChildDecoderSettings settings, long processId) {
        String pid = Long.toString(processId);
        Path report = settings.jvmOptions().stream()
                .filter(option -> option.startsWith("-XX:ErrorFile="))
                .reduce((first, last) -> last)
                .map(option -> Path.of(option.substring("-XX:ErrorFile=".length()).replace("%p", pid)))
                .orElse(Path.of("hs_err_pid" + pid + ".log"));
        return Files.isRegularFile(report) ? Optional.of(report) : Optional.empty();
    }

    /** The first 4 KB of a file as text, empty when unreadable. */
    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String exitStatus(int exit) {
        if (exit > 128 && exit < 128 + 65) {
            int signal = exit - 128;
            return "signal " + signal + Optional.ofNullable(SIGNALS.get(signal)).map(name -> ", " + name).orElse("");
        }
        return exit < 0 ? "still running" : "exit code " + exit;
    }

    /** The next frame's type, or -1 when the pipe ended. */
    private int readType() throws IOException {
        return pipe(() -> {
            try {
                return frames.readUnsignedByte();
            } catch (EOFException e) {
                return -1;
            }
        });
    }

    private interface PipeRead<T> {
        T read() throws IOException;
    }

    /**
     * Reads from the pipe; a pipe that fails or ends inside a frame means the child died or was killed, reported
     * by {@link #died}. Checks for an interrupt first, as a blocked pipe read does not notice one.
     */
    private <T> T pipe(PipeRead<T> read) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            killed = new Failure(true, "interrupted");
            kill();
            throw died(null);
        }
        try {
            return read.read();
        } catch (DecoderProtocol.ProtocolException e) {
            throw died(e);
        } catch (IOException e) {
            throw died(e);
        }
    }

    /** Runs on the watchdog thread: kills the child when the reader has waited too long or was interrupted. */
    private void checkDeadlines() {
        long since = waitingSince;
        if (since == 0 || killed != null) {
            return;
        }
        long waited = System.nanoTime() - since;
        Thread waiting = reader;
        if (waiting != null && waiting.isInterrupted()) {
            killed = new Failure(true, "interrupted");
        } else if (!ready) {
            if (waited <= STARTUP_TIMEOUT.toNanos()) {
                return;
            }
            killed = new Failure(false, "it did not start within " + DecodingLimits.describe(STARTUP_TIMEOUT));
        } else if (waited > settings.noProgressTimeout().toNanos()) {
            killed = new Failure(false, "no progress for " + DecodingLimits.describe(settings.noProgressTimeout()));
        } else if (waitedNanos + waited > settings.decodingTimeLimit().toNanos()) {
            killed = new Failure(false, "still decoding after "
                    + DecodingLimits.describe(settings.decodingTimeLimit()) + ", the limit");
        } else {
            return;
        }
        log.debug("{}: killing decoder process {}: {}", file(), process.pid(), killed.reason());
        kill();
    }

    private void kill() {
        process.destroyForcibly();
    }

    /** Waits for the child to exit (killing it after {@link #EXIT_WAIT}) and for its stderr; its exit code. */
    private int awaitExit() {
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        stderr.awaitEnd();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Kills the child when it has not finished, and waits until it is gone. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watch.cancel(false);
        try {
            process.getOutputStream().close(); // the child's cue to go
        } catch (IOException e) {
            // it is going anyway
        }
        if (process.isAlive()) {
            kill();
        }
        boolean interrupted = Thread.interrupted();
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: decoder process {} did not exit after SIGKILL", file(), process.pid());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** The child's process id, for tests and logs. */
    long pid() {
        return process.pid();
    }

    @Override
    public String toString() {
        return "ChildProcessPcmStream[" + file() + ", pid " + process.pid() + ", "
                + String.format(java.util.Locale.ROOT, "%.1f", secondsDecoded()) + " s decoded]";
    }

    /** The child's standard output, timing the reader's waits for the watchdog. */
    private final class WatchedInput extends InputStream {
        private final InputStream in;

        WatchedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            reader = Thread.currentThread();
            long started = System.nanoTime();
            waitingSince = started;
            try {
                return in.read(target, offset, length);
            } finally {
                waitingSince = 0;
                waitedNanos += System.nanoTime() - started;
                reader = null;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Drains the child's standard error on its own thread (so the child never blocks on it), keeping the tail. */
    private static final class StderrTail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread thread;

        StderrTail(InputStream in, String name) {
            thread = new Thread(() -> drain(in), name);
            thread.setDaemon(true);
            thread.start();
        }

        private void drain(InputStream in) {
            StringBuilder line = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (c == '\n') {
                            add(line.toString());
                            line.setLength(0);
                        } else if (line.length() < STDERR_LINE_CHARS) {
                            line.append(c);
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
            if (!line.isEmpty()) {
                add(line.toString());
            }
        }

        private synchronized void add(String line) {
            if (line.isBlank()) {
                return;
            }
            childLog.debug("{}", line);
            if (lines.size() == STDERR_LINES_KEPT) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        void awaitEnd() {
            try {
                thread.join(EXIT_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            return String.join("\n", lines);
        }

        /** "; the decoder said: <last lines>" or empty. */
        synchronized String summary() {
            if (lines.isEmpty()) {
                return "";
            }
            List<String> last = lines.stream().skip(Math.max(0, lines.size() - 5)).toList();
            return "; the decoder said: " + String.join(" | ", last);
        }
    }
}
