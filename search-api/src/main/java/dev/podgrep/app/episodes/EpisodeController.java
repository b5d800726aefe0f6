package dev.podgrep.app.episodes;

import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.ConflictException;
import dev.podgrep.app.web.NotFoundException;
import dev.podgrep.app.web.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.PostMapping;
import dev.podgrep.app.web.PageWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code GET /api/episodes} (a page of episodes, newest first, optionally of one feed and/or in one state) and
 * {@code GET /api/episodes/{id}} (one episode), from the {@link EpisodeStore}. Only the public fields of an
 * {@link EpisodeRecord} are shown ({@link EpisodeView}); the ingestion's internal state stays inside.
 */
@RestController
@RequestMapping(path = "/api/episodes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "episodes", description = "Episodes podgrep knows and where their ingestion stands")
class EpisodeController {

    static final int MAX_SIZE = 100;

    private final EpisodeStore store;

    EpisodeController(EpisodeStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "A page of episodes, newest first")
    @ApiResponse(responseCode = "400", description = "A bad parameter (the detail names it)",
            content = @Content(mediaType = "application/problem+json"))
    EpisodeList list(
            @Parameter(description = "Only this feed (its configured name)") @RequestParam(required = false) String feed,
            @Parameter(description = "Only episodes in this state", schema = @Schema(allowableValues = {
                    "NEW", "DOWNLOADED", "TRANSCRIBED", "INDEXED", "FAILED"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "episodes per page, 1-100") @RequestParam(defaultValue = "20") int size) {
        PageWindow window = PageWindow.of(page, size, MAX_SIZE, "filter by feed or status");
        EpisodePage found = store.list(blankToNull(feed), status(status), window.from(), window.size());
        return new EpisodeList(found.total(), window.page(), window.size(),
                found.items().stream().map(EpisodeView::of).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One episode")
    @ApiResponse(responseCode = "404", description = "No episode with this id",
            content = @Content(mediaType = "application/problem+json"))
    EpisodeView episode(@Parameter(description = "episode id (as in a hit's episodeId)") @PathVariable String id) {
        return store.find(id).map(EpisodeView::of)
                .orElseThrow(() -> new NotFoundException("No episode '" + id + "' is known to podgrep."));
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Give a FAILED episode another chance (admin)",
            description = "The episode becomes NEW with its attempts reset and its error cleared; the next run "
                    + "takes it up (its cached audio is reused).",
            security = @SecurityRequirement(name = OpenApiConfiguration.ADMIN_SCHEME))
    @ApiResponse(responseCode = "200", description = "The episode, NEW again")
    @ApiResponse(responseCode = "404", description = "No episode with this id",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The episode is not FAILED (or is being worked on)",
            content = @Content(mediaType = "application/problem+json"))
    EpisodeView retry(@PathVariable String id) {
        return afterChange(id, store.retry(id), "it is not FAILED (or an ingestion is working on it right now); only"
                + " failed episodes can be retried");
    }

    @PostMapping("/{id}/retranscribe")
    @Operation(summary = "Transcribe an episode again with the current speech model (admin)",
            description = "For INDEXED episodes with an ASR transcript. The next run transcribes the audio again (the "
                    + "cached audio when present) and replaces the transcript in one step: until then the old "
                    + "transcript stays searchable, and never are both or neither found.",
            security = @SecurityRequirement(name = OpenApiConfiguration.ADMIN_SCHEME))
    @ApiResponse(responseCode = "200", description = "The episode, queued")
    @ApiResponse(responseCode = "404", description = "No episode with this id",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "Not an INDEXED ASR episode, or already queued",
            content = @Content(mediaType = "application/problem+json"))
    EpisodeView retranscribe(@PathVariable String id) {
        return afterChange(id, store.requestRetranscription(id), "only INDEXED episodes with an ASR transcript can be"
                + " transcribed again, and this one is not (or is queued already)");
    }

    private EpisodeView afterChange(String id, EpisodeStore.Change change, String notApplicable) {
        return switch (change) {
            case DONE -> episode(id);
            case UNKNOWN -> throw new NotFoundException("No episode '" + id + "' is known to podgrep.");
            case NOT_APPLICABLE -> throw new ConflictException("Not applicable", "Episode '" + id + "': "
                    + notApplicable + ". Its status is " + store.find(id).map(r -> r.status().name()).orElse("gone")
                    + ".");
        };
    }

    private static EpisodeStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return EpisodeStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter 'status' must be one of " + Arrays.stream(EpisodeStatus.values())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", was '" + status + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The answer of {@code GET /api/episodes}. */
    record EpisodeList(long total, int page, int size, List<EpisodeView> items) {
    }
}
