package dev.podgrep.app.admin;

import dev.podgrep.app.web.ApiExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Admin refusals as problem+json: 401 with the {@code WWW-Authenticate} challenge (RFC 6750), or 403 when admin
 * endpoints are disabled. Ordered before the general {@link ApiExceptionHandler}, whose catch-all would otherwise
 * answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminExceptionHandler {

    @ExceptionHandler(AdminAuthenticationException.class)
    ResponseEntity<ProblemDetail> adminAuthentication(AdminAuthenticationException e) {
        ProblemDetail body = ApiExceptionHandler.problem(e.status(),
                e.status() == HttpStatus.FORBIDDEN ? "Forbidden" : "Unauthorized", e.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.challenge() != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        }
        return response.body(body);
    }
}
