package dev.podgrep.app.ingestion;

import dev.podgrep.app.web.ConflictException;
import dev.podgrep.app.web.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
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
@RequestMapping(path = "/api/ingest", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "ingestion", description = "Runs that fetch feeds and transcribe and index new episodes")
class IngestionController {

    private final IngestionService ingestion;

    IngestionController(IngestionService ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping
    @Operation(summary = "Start an ingestion run now (admin)",
            description = "Runs in the background: every feed is fetched (conditionally) and new episodes are "
                    + "transcribed and indexed. Watch it with GET /api/ingest/status.",
            security = @SecurityRequirement(name = OpenApiConfiguration.ADMIN_SCHEME))
    @ApiResponse(responseCode = "202", description = "Started; Location is the status",
            content = @Content(examples = @ExampleObject(value = "{\"started\":true,\"status\":\"/api/ingest/status\"}")))
    @ApiResponse(responseCode = "401", description = "Missing or wrong admin token",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Admin endpoints are disabled (no podgrep.admin-token)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "A run is already in progress",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Map<String, Object>> start() {
        if (!ingestion.startInBackground("api")) {
            throw new ConflictException("Ingestion already running",
                    "an ingestion run is already in progress; see GET /api/ingest/status");
        }
        return ResponseEntity.accepted().location(URI.create("/api/ingest/status"))
                .body(Map.of("started", true, "status", "/api/ingest/status"));
    }

    @GetMapping("/status")
    @Operation(summary = "Whether a run is in progress, the last run's numbers, the current run's episodes",
            description = "lastRun is the last finished run of this instance (null before the first); currentRun "
                    + "the one in progress so far; episodes what the current run works on now, with the stage and, "
                    + "while transcribing, the percent done. A run is reported finished only once everything it "
                    + "wrote shows in GET /api/episodes.")
    @ApiResponse(responseCode = "200", description = "The status",
            content = @Content(schema = @Schema(implementation = IngestionStatus.class)))
    IngestionStatus status() {
        return ingestion.status();
    }
}
