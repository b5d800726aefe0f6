package dev.podgrep.app.episodes;

import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.NotFoundException;
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
