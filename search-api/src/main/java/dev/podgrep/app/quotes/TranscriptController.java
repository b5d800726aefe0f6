package dev.podgrep.app.quotes;

import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.StoredTranscripts;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.NotFoundException;
import dev.podgrep.transcribe.format.TranscriptExportFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An episode's timed transcript ({@code GET /api/episodes/{id}/transcript}) and quotes out of it
 * ({@code GET /api/episodes/{id}/quote}).
 */
@RestController
@RequestMapping("/api/episodes/{id}")
@Tag(name = "transcripts", description = "Timed transcripts and exact quotes with citations")
class TranscriptController {

    private final StoredTranscripts transcripts;
    private final Quotes quotes;

    TranscriptController(StoredTranscripts transcripts, Quotes quotes) {
        this.transcripts = transcripts;
        this.quotes = quotes;
    }

    @GetMapping("/transcript")
    @Operation(summary = "The episode's timed transcript",
            description = "json: segments with their words' start, end and conf (podgrep's JSON, readable back "
                    + "without loss); srt / vtt: one subtitle cue per segment; txt: one line per segment. "
                    + "All UTF-8.")
    @ApiResponse(responseCode = "200", description = "The transcript", content = {
            @Content(mediaType = "application/json", examples = @ExampleObject(value = """
                    {"source":"asr","language":"en","complete":true,"segments":[{"start":12.0,"end":13.4,\
                    "text":"the central bank","words":[{"word":"the","start":12.0,"end":12.4,"conf":0.97},\
                    {"word":"central","start":12.5,"end":12.9,"conf":0.91},\
                    {"word":"bank","start":13.0,"end":13.4,"conf":0.88}]}]}""")),
            @Content(mediaType = "application/x-subrip", examples = @ExampleObject(value = """
                    1
                    00:00:12,000 --> 00:00:13,400
                    the central bank
                    """)),
            @Content(mediaType = "text/vtt", examples = @ExampleObject(value = """
                    WEBVTT

                    00:00:12.000 --> 00:00:13.400
                    the central bank
                    """)),
            @Content(mediaType = "text/plain", examples = @ExampleObject(value = "the central bank\n"))})
    @ApiResponse(responseCode = "400", description = "Unknown format",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No transcript is stored for this episode",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<byte[]> transcript(
            @Parameter(description = "episode id (as in a hit's episodeId)") @PathVariable String id,
            @Parameter(description = "json (podgrep's, with every word's times), srt, vtt, txt, or podcasting2 (the "
                    + "Podcasting 2.0 JSON that podcast apps read)",
                    schema = @Schema(allowableValues = {"json", "srt", "vtt", "txt", "podcasting2"},
                            defaultValue = "json"))
            @RequestParam(defaultValue = "json") String format) {
        TranscriptExportFormat export = exportFormat(format);
        List<SegmentDocument> segments = transcripts.segments(id);
        if (segments.isEmpty()) {
            throw new NotFoundException(noTranscript(id));
        }
        byte[] body = export.write(StoredTranscripts.transcript(segments)).getBytes(StandardCharsets.UTF_8);
        MediaType type = export.mediaType().equals(MediaType.APPLICATION_JSON_VALUE) ? MediaType.APPLICATION_JSON
                : new MediaType(MediaType.parseMediaType(export.mediaType()), StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(export == TranscriptExportFormat.PODCASTING2 ? id + ".podcasting2.json"
                                : id + "." + export.formatName()).build().toString())
                .body(body);
    }

    @GetMapping(path = "/quote", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The exact words spoken between two times, with a citation",
            description = """
                    A word is included when its midpoint lies in [start, end): more than half of it is inside \
                    (adjacent windows never share a word). startSeconds/endSeconds are the true start of the \
                    first and end of the last included word. The window is at most 600 s.""")
    @ApiResponse(responseCode = "200", description = "The quote",
            content = @Content(schema = @Schema(implementation = Quote.class), examples = @ExampleObject(value = """
                    {"text":"the central bank raised the key rate",
                     "startSeconds":31.5,"endSeconds":34.9,
                     "words":[{"word":"the","start":31.5,"end":31.9,"conf":0.9},
                              {"word":"central","start":32.0,"end":32.4,"conf":0.9},
                              {"word":"bank","start":32.5,"end":32.9,"conf":0.9},
                              {"word":"raised","start":33.0,"end":33.4,"conf":0.9},
                              {"word":"the","start":33.5,"end":33.9,"conf":0.9},
                              {"word":"key","start":34.0,"end":34.4,"conf":0.9},
                              {"word":"rate","start":34.5,"end":34.9,"conf":0.9}],
                     "citation":"the-naked-pravda — \\"How sanctions changed Russia\\" (2026-03-01), 00:31–00:35"}""")))
    @ApiResponse(responseCode = "400", description = "A time is missing, not a number, negative, end ≤ start, "
            + "or the window is longer than 600 s", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No transcript for this episode, or no word in the window",
            content = @Content(mediaType = "application/problem+json"))
    Quote quote(@Parameter(description = "episode id (as in a hit's episodeId)") @PathVariable String id,
                @Parameter(description = "window start, seconds from the start of the episode", example = "31.5")
                @RequestParam(required = false) Double start,
                @Parameter(description = "window end (exclusive), seconds", example = "35")
                @RequestParam(required = false) Double end) {
        return quotes.quote(id, start, end);
    }

    static String noTranscript(String episodeId) {
        return "No transcript is stored for episode '" + episodeId + "' (unknown id, or not transcribed yet).";
    }

    private static TranscriptExportFormat exportFormat(String format) {
        try {
            return TranscriptExportFormat.byName(format);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter 'format' must be one of " + Arrays.stream(
                    TranscriptExportFormat.values()).map(TranscriptExportFormat::formatName)
                    .collect(Collectors.joining(", ")) + ", was '" + format + "'");
        }
    }
}
