package dev.podgrep.app.web;

import dev.podgrep.app.admin.AdminAuthenticationException;
import dev.podgrep.app.search.query.InvalidQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.UncheckedIOException;

/**
 * Errors as {@code application/problem+json} with a clear {@code detail}; never a stack trace or an exception
 * class name. Validation problems are 400 with a detail naming the parameter, unknown episodes/transcripts 404,
 * admin refusals 401 (with {@code WWW-Authenticate}) or 403, an unreachable Elasticsearch 503, anything else 500
 * with a generic detail (the server log has the cause). Errors that never reach a controller (Spring's
 * {@code /error} forward) are rendered the same way by {@link ProblemErrorController}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidQueryException.class)
    ProblemDetail invalidQuery(InvalidQueryException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid query", e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(AdminAuthenticationException.class)
    ResponseEntity<ProblemDetail> adminAuthentication(AdminAuthenticationException e) {
        ProblemDetail body = problem(e.status(), e.status() == HttpStatus.FORBIDDEN ? "Forbidden" : "Unauthorized",
                e.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.challenge() != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        }
        return response.body(body);
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail searchIndexUnreachable(UncheckedIOException e) {
        log.error("Elasticsearch did not answer", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Search index unavailable",
                "podgrep cannot reach its search index right now; try again shortly");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another value" : switch (e.getRequiredType().getSimpleName()) {
            case "LocalDate" -> "an ISO date like 2026-11-30";
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "double", "Double" -> "a number of seconds";
            default -> "a " + e.getRequiredType().getSimpleName();
        };
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "parameter '" + e.getName() + "' must be " + expected + ", was '" + e.getValue() + "'");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error answering a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "podgrep could not answer this request; the server log has the details");
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
