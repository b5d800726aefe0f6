package dev.podgrep.transcribe.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's log lines away from stderr: to SLF4J (logger {@code dev.podgrep.transcribe.audio.FFmpeg}, at
 * DEBUG: every problem also reaches callers through an exception or {@link PcmStream#incompleteReason()}), and to
 * the {@link PcmStream} working on the logging thread, so that its error messages can quote FFmpeg ("moov atom not
 * found") rather than only a generic error code. FFmpeg logs on the thread that calls it (decoders run with one
 * thread here), which makes a thread-local capture exact.
 */
final class FfmpegLog {

    private static final Logger log = LoggerFactory.getLogger("dev.podgrep.transcribe.audio.FFmpeg");
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^]]*@ ?(0x)?[0-9a-fA-F]+] ");
    private static final int KEPT_MESSAGES = 8;
    private static final ThreadLocal<Capture> CURRENT = new ThreadLocal<>();

    /** Kept in a static field: FFmpeg holds only a native pointer to it. */
    private static final LogCallback CALLBACK = new LogCallback() {
        @Override
        public void call(int level, BytePointer message) {
            String text = CONTEXT_PREFIX.matcher(message.getString().strip()).replaceFirst("");
            if (text.isEmpty()) {
                return;
            }
            log.debug("{}", text);
            Capture capture = CURRENT.get();
            if (capture != null && level <= AV_LOG_WARNING) {
                capture.add(text);
            }
        }
    };

    static {
        setLogCallback(CALLBACK);
    }

    private FfmpegLog() {
    }

    /** Installs the routing (once per process; idempotent). */
    static void install() {
        // the static initializer does the work
    }

    /** The FFmpeg messages of one stream, the last few kept. */
    static final class Capture {
        private final Deque<String> messages = new ArrayDeque<>();

        private void add(String message) {
            if (messages.size() == KEPT_MESSAGES) {
                messages.removeFirst();
            }
            messages.addLast(message);
        }

        /** The last message FFmpeg logged since the previous call, or null; forgets the others. */
        String takeLast() {
            String last = messages.peekLast();
            messages.clear();
            return last;
        }

        /** Starts collecting this thread's FFmpeg messages into this capture until the returned scope closes. */
        Scope activate() {
            Capture previous = CURRENT.get();
            CURRENT.set(this);
            return () -> {
                if (previous == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(previous);
                }
            };
        }
    }

    /** A capture's active period on one thread. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
