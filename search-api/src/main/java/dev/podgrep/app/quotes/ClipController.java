package dev.podgrep.app.quotes;

import dev.podgrep.app.web.ApiExceptionHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** {@code GET /api/episodes/{id}/clip?start=&end=}: the audio of a quote, as an MP3 with its citation in ID3. */
@RestController
@Tag(name = "transcripts", description = "Timed transcripts and exact quotes with citations")
class ClipController {

    static final MediaType MPEG = MediaType.parseMediaType("audio/mpeg");

    private final Clips clips;

    ClipController(Clips clips) {
        this.clips = clips;
    }

    @GetMapping(path = "/api/episodes/{id}/clip", produces = "audio/mpeg")
    @Operation(summary = "The audio of a stretch of an episode, as MP3",
            description = "Exactly the window start..end (at most 300 s), cut from the episode's audio; the MP3's "
                    + "ID3 title is the quote's citation line, its artist the feed, its album the episode. When "
                    + "podgrep's audio cache no longer holds the episode, the audio is fetched again first.")
    @ApiResponse(responseCode = "200", description = "The clip", content = @Content(mediaType = "audio/mpeg"))
    @ApiResponse(responseCode = "400", description = "A time missing, negative, inverted, past the end, or a window "
            + "longer than 300 s", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "Unknown episode, or one without audio",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "502", description = "The audio could not be fetched again or cut",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<StreamingResponseBody> clip(
            @Parameter(description = "episode id (as in a hit's episodeId)") @PathVariable String id,
            @Parameter(description = "clip start, seconds from the start of the episode", example = "61.5")
            @RequestParam(required = false) Double start,
            @Parameter(description = "clip end, seconds (at most 300 s after start)", example = "75")
            @RequestParam(required = false) Double end) throws IOException {
        Clips.Clip clip = clips.cut(id, start, end);
        long size = Files.size(clip.file());
        StreamingResponseBody body = out -> {
            try (InputStream in = Files.newInputStream(clip.file())) {
                in.transferTo(out);
            } finally {
                Files.deleteIfExists(clip.file());
            }
        };
        return ResponseEntity.ok().contentType(MPEG).contentLength(size)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(clip.fileName()).build().toString())
                .body(body);
    }

    @ExceptionHandler(ClipUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ClipUnavailableException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiExceptionHandler.problem(HttpStatus.BAD_GATEWAY, "Clip unavailable", e.getMessage()));
    }
}
