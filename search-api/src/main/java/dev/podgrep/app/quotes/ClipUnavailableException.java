package dev.podgrep.app.quotes;

/**
 * A clip cannot be made now: the episode's audio could not be fetched again, or FFmpeg could not cut it. Answered as
 * 502 {@code application/problem+json} (podgrep depends on the publisher's server for the audio); the message is the
 * user-facing {@code detail}.
 */
public class ClipUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClipUnavailableException(String message) {
        super(message);
    }
}
