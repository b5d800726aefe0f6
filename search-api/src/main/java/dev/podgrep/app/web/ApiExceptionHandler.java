package dev.podgrep.app.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.UncheckedIOException;

/**
 * Errors as {@code application/problem+json} with a clear {@code detail}; never a stack trace or an exception
 * class name. Bad input is rejected one way, {@link BadRequestException} (400, the detail names the parameter;
 * Spring's own binding errors such as a missing or mistyped parameter are 400 too), unknown things are
 * {@link NotFoundException} (404), state conflicts {@link ConflictException} (409), admin refusals 401 or 403 (rendered by the admin
 * package's own advice, ordered first), an unreachable Elasticsearch 503, and anything else — an
 * {@link IllegalArgumentException} from a bug included — 500 with a generic detail (the server log has the cause). Errors that never reach a controller (Spring's
 * {@code /error} forward) are rendered the same way by {@link ProblemErrorController}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.title(), e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail searchIndexUnreachable(UncheckedIOException e, HttpServletResponse response) throws Exception {
        abortIfUnderWay(response, e);
        log.error("Elasticsearch did not answer", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Search index unavailable",
                "podgrep cannot reach its search index right now; try again shortly");
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
    ProblemDetail unexpected(Exception e, HttpServletResponse response) throws Exception {
        abortIfUnderWay(response, e);
        log.error("Unexpected error answering a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "podgrep could not answer this request; the server log has the details");
    }

    /**
     * An answer whose first bytes are already sent (a streamed export) cannot turn into a problem document: the
     * exception goes on to the servlet container, which cuts the connection, so the client sees a broken transfer
     * instead of a short body that looks complete.
     */
    private static void abortIfUnderWay(HttpServletResponse response, Exception e) throws Exception {
        if (response.isCommitted()) {
            log.error("A response already under way failed; cutting the connection", e);
            throw e;
        }
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
