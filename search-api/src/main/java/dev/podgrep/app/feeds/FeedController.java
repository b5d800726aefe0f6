package dev.podgrep.app.feeds;

import dev.podgrep.app.web.ApiExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * {@code /api/feeds}: the feeds podgrep ingests with their fetch state, and adding one at runtime.
 * {@code POST} is an admin endpoint (guarded by the admin token in the web layer).
 */
@RestController
@RequestMapping("/api/feeds")
public class FeedController {

    private final FeedRegistry registry;

    public FeedController(FeedRegistry registry) {
        this.registry = registry;
    }

    /** Every feed (configured and added) with its fetch state. */
    @GetMapping
    public List<FeedRecord> list() {
        return registry.list();
    }

    /**
     * Adds a feed: {@code {"url","name","language"}} → 201 with the stored feed; 400 when a field is not acceptable,
     * 409 when the name is taken. The next ingestion run fetches it.
     */
    @PostMapping
    public ResponseEntity<FeedRecord> add(@RequestBody(required = false) NewFeed request) {
        FeedRecord added = registry.add(request);
        return ResponseEntity.created(URI.create("/api/feeds/" + added.name())).body(added);
    }

    @ExceptionHandler(InvalidFeedException.class)
    ProblemDetail invalid(InvalidFeedException e) {
        return ApiExceptionHandler.problem(HttpStatus.BAD_REQUEST, "Invalid feed", e.getMessage());
    }

    @ExceptionHandler(DuplicateFeedException.class)
    ProblemDetail duplicate(DuplicateFeedException e) {
        return ApiExceptionHandler.problem(HttpStatus.CONFLICT, "Feed exists", e.getMessage());
    }
}
