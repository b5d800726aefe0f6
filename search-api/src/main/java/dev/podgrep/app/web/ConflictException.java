package dev.podgrep.app.web;

/**
 * The request is valid but conflicts with the current state (a feed name taken, an episode not in a state the
 * action applies to). Answered as 409 {@code application/problem+json}; the message is the user-facing
 * {@code detail}.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String title;

    public ConflictException(String title, String message) {
        super(message);
        this.title = title;
    }

    /** The problem's short title, e.g. "Feed exists". */
    public String title() {
        return title;
    }
}
