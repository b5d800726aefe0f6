package dev.podgrep.app.feeds;

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
@RequestMapping(path = "/api/feeds", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "feeds", description = "The feeds podgrep ingests and how their last fetch went")
class FeedController {

    private final FeedRegistry registry;

    FeedController(FeedRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "Every feed with its fetch state",
            description = "Configured feeds (podgrep.feeds) in their order, then feeds added with POST /api/feeds. "
                    + "lastOutcome is fetched, not-modified or failed; lastError says why the last fetch failed; "
                    + "problems lists what the reader skipped in the last document read.")
    @ApiResponse(responseCode = "200", description = "The feeds", content = @Content(
            examples = @ExampleObject(value = """
                    [{"name":"the-naked-pravda","url":"https://meduza.io/rss/podcasts/the-naked-pravda",
                      "language":"en","origin":"configuration","lastOutcome":"fetched",
                      "lastFetchedAt":"2026-11-30T12:00:03Z","lastError":null,"episodes":412,"problems":[]}]""")))
    List<FeedRecord> list() {
        return registry.list();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a feed (admin)",
            description = "The next ingestion run fetches it. Stored in Elasticsearch, so it survives restarts. "
                    + "name is a slug (a-z, 0-9, single '-'), part of every episode id; language en or ru picks the "
                    + "speech model.",
            security = @SecurityRequirement(name = OpenApiConfiguration.ADMIN_SCHEME))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = NewFeed.class), examples = @ExampleObject(value = """
                    {"url":"https://meduza.io/rss/podcasts/meduza-v-kurse","name":"meduza-v-kurse","language":"ru"}""")))
    @ApiResponse(responseCode = "201", description = "Added; Location names it")
    @ApiResponse(responseCode = "400", description = "A field is missing or not acceptable (the detail names it)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Missing or wrong admin token",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Admin endpoints are disabled (no podgrep.admin-token)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "A feed of that name exists",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<FeedRecord> add(@RequestBody(required = false) NewFeed request) {
        FeedRecord added = registry.add(request);
        return ResponseEntity.created(URI.create("/api/feeds/" + added.name())).body(added);
    }
}
