package dev.podgrep.app.ingestion;

import dev.podgrep.app.web.ApiExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/**
 * {@code /api/ingest}: start a run ({@code POST}, admin: 202 started, 409 already running) and watch it
 * ({@code GET /api/ingest/status}).
 */
@RestController
@RequestMapping("/api/ingest")
public class IngestionController {

    private final IngestionService ingestion;

    public IngestionController(IngestionService ingestion) {
        this.ingestion = ingestion;
    }

    /** Starts a run in the background: 202 with where to watch it, or 409 when one is running. */
    @PostMapping
    public ResponseEntity<?> start() {
        if (ingestion.startInBackground("api")) {
            return ResponseEntity.accepted().location(URI.create("/api/ingest/status"))
                    .body(Map.of("started", true, "status", "/api/ingest/status"));
        }
        ProblemDetail problem = ApiExceptionHandler.problem(HttpStatus.CONFLICT, "Ingestion already running",
                "an ingestion run is already in progress; see GET /api/ingest/status");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** Whether a run is in progress, the last run, and the current run's episodes with stage and progress. */
    @GetMapping("/status")
    public IngestionStatus status() {
        return ingestion.status();
    }
}
