package dev.podgrep.app.web;

/**
 * The request names something podgrep does not have (an episode, its transcript). Answered as 404
 * {@code application/problem+json}; the message is the user-facing {@code detail}.
 */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
