package dev.podgrep.app.admin;

import org.springframework.http.HttpStatus;

/**
 * An admin request without the right bearer token. {@link #status()} is 401 (missing or wrong token; answered with
 * {@code WWW-Authenticate: Bearer}) or 403 (admin endpoints disabled because no token is configured). The message is
 * the user-facing {@code detail} and never contains the token.
 */
public class AdminAuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String challenge;

    AdminAuthenticationException(HttpStatus status, String challenge, String message) {
        super(message);
        this.status = status;
        this.challenge = challenge;
    }

    /** 401 or 403. */
    public HttpStatus status() {
        return status;
    }

    /** The {@code WWW-Authenticate} header value for a 401, or null. */
    public String challenge() {
        return challenge;
    }
}
