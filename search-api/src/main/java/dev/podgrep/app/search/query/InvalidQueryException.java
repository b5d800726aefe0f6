package dev.podgrep.app.search.query;

/**
 * The user's query cannot be searched for. The message is meant for the user (HTTP 400 {@code detail}).
 */
public class InvalidQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message);
    }
}
