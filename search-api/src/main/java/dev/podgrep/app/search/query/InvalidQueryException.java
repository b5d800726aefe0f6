package dev.podgrep.app.search.query;

import dev.podgrep.app.web.BadRequestException;

/**
 * The user's query cannot be searched for. The message is meant for the user (HTTP 400 {@code detail}).
 */
public class InvalidQueryException extends BadRequestException {

    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message);
    }
}
