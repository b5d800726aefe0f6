package dev.podgrep.app.web;

/**
 * A request parameter or body is missing or wrong: the one way podgrep rejects bad input. Answered as 400
 * {@code application/problem+json}; the message is the user-facing {@code detail} and names the parameter or
 * field. Feature-specific refusals (an invalid query, an invalid feed) extend it.
 *
 * <p>Anything else that goes wrong while answering (an {@link IllegalArgumentException} from a bug included) is an
 * internal error: 500 with a generic detail, the cause in the server log.
 */
public class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
