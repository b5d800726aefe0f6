package dev.podgrep.transcribe.audio;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What a decoder child ({@link DecoderProcessMain}) writes on its standard output, read by
 * {@link ChildProcessPcmStream}: frames of a type byte and a payload, big-endian.
 * <pre>
 * READY  'R'                            the JVM is up and FFmpeg's libraries are loaded
 * HEADER 'H' double declaredSeconds     the file opened and its first sound decoded (NaN: no declared duration)
 * PCM    'P' int length, bytes          16 kHz mono s16le PCM, 0 &lt; length &lt;= MAX_PCM_FRAME
 * END    'E' text incompleteReason      all audio sent; empty text when it decoded whole
 * ERROR  'X' byte kind, text reason     decoding failed (kind UNDECODABLE, TOO_LONG or INTERNAL)
 * </pre>
 * A text is an int byte count (at most {@link #MAX_TEXT_BYTES}) and UTF-8 bytes. The child exits after END or ERROR;
 * it exits at once when its standard input closes (the parent closed the stream or died). Anything else on standard
 * output (which the child prevents) is a protocol error and treated as a crash.
 */
final class DecoderProtocol {

    static final int READY = 'R';
    static final int HEADER = 'H';
    static final int PCM = 'P';
    static final int END = 'E';
    static final int ERROR = 'X';

    /** ERROR kinds. */
    static final int UNDECODABLE = 0;
    static final int TOO_LONG = 1;
    static final int INTERNAL = 2;

    /** Exit codes of the child. */
    static final int EXIT_OK = 0;
    static final int EXIT_REPORTED_ERROR = 2;
    static final int EXIT_PARENT_GONE = 3;
    static final int EXIT_USAGE = 64;

    /** Largest PCM frame: one second of audio is sent at a time; a larger length means the pipe is corrupt. */
    static final int MAX_PCM_FRAME = 1 << 20;
    static final int MAX_TEXT_BYTES = 8192;

    private DecoderProtocol() {
    }

    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_TEXT_BYTES);
        out.writeInt(length);
        out.write(bytes, 0, length);
    }

    static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT_BYTES) {
            throw new ProtocolException("a text of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The child's output broke the protocol. */
    static final class ProtocolException extends IOException {
        ProtocolException(String what) {
            super("the decoder process wrote " + what + " on its PCM pipe");
        }
    }
}
