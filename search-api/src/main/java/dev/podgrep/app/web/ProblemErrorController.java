package dev.podgrep.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code BasicErrorController} on the error path ({@code /error}): errors raised outside
 * the controllers (a filter, the servlet container's {@code sendError}) come back as
 * {@code application/problem+json} too, with the status, a title and a generic detail. The exception, its
 * message and its stack trace are never included (they are logged where they happen); a direct request to
 * {@code /error} is a 404.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c)
                : code == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = status.is5xxServerError()
                ? "podgrep could not answer this request; the server log has the details"
                : code == null ? "Nothing is served at " + request.getRequestURI()
                : "The request could not be handled: " + status.getReasonPhrase();
        ProblemDetail problem = ApiExceptionHandler.problem(status, status.getReasonPhrase(), detail);
        if (uri instanceof String path) {
            try {
                problem.setInstance(java.net.URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // leave the instance out rather than fail while rendering an error
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
