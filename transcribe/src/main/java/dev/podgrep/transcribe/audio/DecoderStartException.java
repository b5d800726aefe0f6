package dev.podgrep.transcribe.audio;

import java.io.IOException;

/**
 * The decoder process could not be started or did not come up (the {@code java} launcher is missing, its class path
 * lacks the decoder, the FFmpeg libraries cannot be loaded): a fault of the installation or the machine, not of the
 * audio file, so worth retrying once fixed. The message quotes the child's last output lines.
 */
public class DecoderStartException extends IOException {

    public DecoderStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
