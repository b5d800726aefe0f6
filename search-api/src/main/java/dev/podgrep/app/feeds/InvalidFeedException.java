package dev.podgrep.app.feeds;

import dev.podgrep.app.web.BadRequestException;

/** A feed to add is not acceptable; the message says which field and why (answered with 400). */
public class InvalidFeedException extends BadRequestException {

    private static final long serialVersionUID = 1L;

    public InvalidFeedException(String message) {
        super(message);
    }
}
