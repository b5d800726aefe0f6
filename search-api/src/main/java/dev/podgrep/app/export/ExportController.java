package dev.podgrep.app.export;

import dev.podgrep.app.search.SearchCriteria;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.PublicUrl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code GET /api/search/export}: every occurrence of a query, keyword in context, as CSV or JSON lines, streamed
 * ({@link OccurrenceExport}). Everything that can be refused is refused before the first byte, as a problem
 * document; once rows flow, a failure cuts the connection, so a partial export never looks complete.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "search")
class ExportController {

    private final OccurrenceExport export;
    private final PublicUrl publicUrl;

    ExportController(OccurrenceExport export, PublicUrl publicUrl) {
        this.export = export;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/search/export")
    @Operation(summary = "Every occurrence, keyword in context (CSV or JSON lines)",
            description = """
                    One row per occurrence of the query's words and phrases in the matching segments (the segments \
                    `/api/search` finds; every tier: exact, stem, sound, fuzzy), none twice: `episodeId`, `feed`, \
                    `publishedAt`, `episodeTitle`, `matchSeconds`, `before` (up to 10 words), `match`, `after` (up \
                    to 10 words), `deepLink`, `link` (the moment page), `transcriptSource`, `confidence`. Newest \
                    episode first, in reading order within an episode. Streamed, at most 100,000 rows: a larger \
                    export is refused (400) with the count, narrow it with `feed`, `lang`, `since`, `until`. CSV is \
                    RFC 4180 with a header, UTF-8 with a byte order mark (spreadsheets read Cyrillic right); text \
                    that a spreadsheet would run as a formula starts with an apostrophe.""")
    @ApiResponse(responseCode = "200", description = "The rows", content = {
            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE)),
            @Content(mediaType = "application/x-ndjson", examples = @ExampleObject(name = "jsonl", value = JSONL_EXAMPLE))})
    @ApiResponse(responseCode = "400", description = "Bad query or parameter, or more than 100,000 occurrences",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Invalid request","status":400,
                     "detail":"123,456 occurrences match; an export holds at most 100,000: narrow it with feed, lang, \
                    since or until (for example one year at a time)","instance":"/api/search/export"}""")))
    void export(
            @Parameter(description = "What to find, as in /api/search", example = "navalny")
            @RequestParam(required = false) String q,
            @Parameter(description = "Only this feed (its configured name)") @RequestParam(required = false) String feed,
            @Parameter(description = "Only this language", schema = @Schema(allowableValues = {"en", "ru"}))
            @RequestParam(required = false) String lang,
            @Parameter(description = "Only episodes published on or after this date (UTC)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
            @Parameter(description = "Only episodes published on or before this date (UTC, inclusive)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            @Parameter(description = "csv or jsonl", schema = @Schema(allowableValues = {"csv", "jsonl"},
                    defaultValue = "csv"))
            @RequestParam(defaultValue = "csv") String format,
            HttpServletResponse response) throws IOException {
        ExportFormat as = ExportFormat.of(format);
        String language = lang == null || lang.isBlank() ? null : lang.strip().toLowerCase(Locale.ROOT);
        if (language != null && !SearchCriteria.LANGUAGES.contains(language)) {
            throw new BadRequestException("parameter 'lang' must be en or ru, was '" + lang + "'");
        }
        ExportRequest request = new ExportRequest(QueryParser.parse(q),
                feed == null || feed.isBlank() ? null : feed.strip(), language, since, until);
        export.checkSize(request);
        String base = publicUrl.base();

        response.setContentType(as.mediaType().toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(fileName(request.query().text(), as), StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try (ExportFormat.RowWriter rows = as.open(response.getOutputStream())) {
            long[] written = {0};
            export.export(request, base, row -> {
                rows.accept(row);
                if (++written[0] % OccurrenceExport.PAGE == 0) {
                    rows.flush();
                }
            });
        }
    }

    /** {@code podgrep-<the query's letters and digits, dashes between>.csv}, at most 60 characters before the dot. */
    static String fileName(String query, ExportFormat format) {
        String slug = query.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return "podgrep-" + (slug.isEmpty() ? "export" : slug) + "." + format.extension();
    }

    private static final String CSV_EXAMPLE = """
            episodeId,feed,publishedAt,episodeTitle,matchSeconds,before,match,after,deepLink,link,transcriptSource,confidence
            mvk-77b1e0,meduza-v-kurse,2026-03-04T06:00:00Z,Допрос,302.4,вчера допросили,Навального,"снова, и \
            это",https://cdn.example.org/audio/77b1e0.mp3#t=302,https://podgrep.example.org/episodes/mvk-77b1e0?t=302.4&end=303.1,asr,0.93""";

    private static final String JSONL_EXAMPLE = """
            {"episodeId":"mvk-77b1e0","feed":"meduza-v-kurse","publishedAt":"2026-03-04T06:00:00Z",\
            "episodeTitle":"Допрос","matchSeconds":302.4,"before":"вчера допросили","match":"Навального",\
            "after":"снова, и это","deepLink":"https://cdn.example.org/audio/77b1e0.mp3#t=302",\
            "link":"https://podgrep.example.org/episodes/mvk-77b1e0?t=302.4&end=303.1","transcriptSource":"asr",\
            "confidence":0.93}""";
}
