package dev.podgrep.app.web;

/**
 * A request parameter is missing or wrong. Answered as 400 {@code application/problem+json}; the message is the
 * user-facing {@code detail} and names the parameter.
 */
public class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
