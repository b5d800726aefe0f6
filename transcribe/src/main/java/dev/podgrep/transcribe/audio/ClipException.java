package dev.podgrep.transcribe.audio;

import java.io.IOException;

/** A clip could not be cut: the window is outside the audio, or the source cannot be decoded or the MP3 written. */
public class ClipException extends IOException {

    public ClipException(String message) {
        super(message);
    }

    public ClipException(String message, Throwable cause) {
        super(message, cause);
    }
}
