package dev.podgrep.app.episodes;

import dev.podgrep.app.web.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** {@code POST /api/retranscribe?feed=&model=}: queue many ASR episodes for transcription again (admin). */
@RestController
@Tag(name = "episodes", description = "Episodes podgrep knows and where their ingestion stands")
class RetranscriptionController {

    private final EpisodeStore store;

    RetranscriptionController(EpisodeStore store) {
        this.store = store;
    }

    @PostMapping(path = "/api/retranscribe", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Queue ASR episodes for transcription again (admin)",
            description = "Every INDEXED episode with an ASR transcript, of one feed or all, made by one speech model "
                    + "or any (e.g. all those the old small model made, after configuring a bigger one). Runs transcribe "
                    + "them again with the model configured now, newest first; each old transcript stays searchable "
                    + "until its new one replaces it.",
            security = @SecurityRequirement(name = OpenApiConfiguration.ADMIN_SCHEME))
    @ApiResponse(responseCode = "202", description = "Queued; the count says how many",
            content = @Content(examples = @ExampleObject(value = "{\"queued\":412}")))
    @ApiResponse(responseCode = "401", description = "Missing or wrong admin token",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Map<String, Integer>> retranscribe(
            @Parameter(description = "only this feed") @RequestParam(required = false) String feed,
            @Parameter(description = "only transcripts made by this model (as in an episode's model)",
                    example = "vosk-model-small-en-us-0.15") @RequestParam(required = false) String model) {
        int queued = store.requestRetranscription(blankToNull(feed), blankToNull(model));
        return ResponseEntity.accepted().body(Map.of("queued", queued));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
