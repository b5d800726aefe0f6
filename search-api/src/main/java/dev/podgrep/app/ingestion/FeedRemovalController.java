package dev.podgrep.app.ingestion;

import dev.podgrep.app.web.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /api/feeds/{name}[?purge=true]} (admin). */
@RestController
@Tag(name = "feeds", description = "The feeds podgrep ingests and how their last fetch went")
class FeedRemovalController {

    private final FeedRemoval removal;

    FeedRemovalController(FeedRemoval removal) {
        this.removal = removal;
    }

    @DeleteMapping(path = "/api/feeds/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Stop ingesting a feed; with purge=true delete all podgrep holds of it (admin)",
            description = "Without purge the feed is no longer fetched and its episodes stay searchable (a configured "
                    + "feed stays stopped across restarts; POST /api/feeds with its name resumes it). With purge=true "
                    + "its episodes, their segments, saved transcripts and cached audio are deleted as well.",
            security = @SecurityRequirement(name = OpenApiConfiguration.ADMIN_SCHEME))
    @ApiResponse(responseCode = "200", description = "Done", content = @Content(examples = @ExampleObject(
            value = "{\"feed\":\"chto-sluchilos\",\"purged\":true,\"episodesDeleted\":212}")))
    @ApiResponse(responseCode = "404", description = "No feed of that name",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "purge while an ingestion run is in progress",
            content = @Content(mediaType = "application/problem+json"))
    FeedRemoval.Removal remove(@Parameter(description = "the feed's name") @PathVariable String name,
                               @Parameter(description = "also delete its episodes, segments, transcripts and audio")
                               @RequestParam(defaultValue = "false") boolean purge) {
        return removal.remove(name, purge);
    }
}
