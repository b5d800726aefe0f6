package dev.podgrep.app.trends;

import dev.podgrep.app.search.SearchCriteria;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code GET /api/trends}: how often a query is said, per week, month or year, normalised by the audio indexed in
 * that period; JSON or CSV. Parameters are validated here, in {@link QueryParser} and in
 * {@link TrendsService.TrendsRequest}; a bad one is a 400 problem whose detail names it.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "trends", description = "Mentions of a word, name or phrase over time")
class TrendsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final TrendsService trends;

    TrendsController(TrendsService trends) {
        this.trends = trends;
    }

    @GetMapping("/trends")
    @Operation(summary = "Mentions over time",
            description = """
                    `q` is the search query language (words, `"phrases"` of up to 4 words, `-exclusions`; names \
                    across scripts, inflected, split and near-miss forms, as in search). Per period: `mentions` = \
                    occurrences of the query's words and phrases (a phrase once per occurrence) in segments that \
                    match the query, `episodes` = episodes with a mention, `audioHours` = audio indexed in the \
                    period (with or without mentions), `mentionsPerHour` = mentions / audioHours. Every period \
                    from `since` (or the first indexed episode) to `until` (or the last) is listed. Periods are \
                    calendar weeks (from Monday), months or years of the publication date, UTC. `format=csv` \
                    gives RFC 4180 CSV with a header, UTF-8.""")
    @ApiResponse(responseCode = "200", description = "The periods in time order", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Trends.class),
                    examples = @ExampleObject(name = "monthly", value = JSON_EXAMPLE)),
            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))})
    @ApiResponse(responseCode = "400", description = "Empty or over-long query, a phrase of more than 4 words, an "
            + "unknown interval, format or language, a bad date (the detail names it)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Invalid request","status":400,
                     "detail":"parameter 'interval' must be week, month or year, was 'day'","instance":"/api/trends"}""")))
    ResponseEntity<?> trends(
            @Parameter(description = "What to count: words, \"phrases\", -exclusions (1-500 characters)",
                    example = "navalny") @RequestParam(required = false) String q,
            @Parameter(description = "Period width", schema = @Schema(allowableValues = {"week", "month", "year"},
                    defaultValue = "month")) @RequestParam(required = false) String interval,
            @Parameter(description = "Only this feed (its configured name)", example = "the-naked-pravda")
            @RequestParam(required = false) String feed,
            @Parameter(description = "Only this language", schema = @Schema(allowableValues = {"en", "ru"}))
            @RequestParam(required = false) String lang,
            @Parameter(description = "Only episodes published on or after this date (UTC)", example = "2026-01-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
            @Parameter(description = "Only episodes published on or before this date (UTC, inclusive)",
                    example = "2026-12-31")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            @Parameter(description = "json or csv", schema = @Schema(allowableValues = {"json", "csv"},
                    defaultValue = "json")) @RequestParam(defaultValue = "json") String format) {
        boolean csv = switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "csv" -> true;
            default -> throw new BadRequestException("parameter 'format' must be json or csv, was '" + format + "'");
        };
        TrendInterval width = TrendInterval.parse(interval);
        String language = blankToNull(lang);
        if (language != null) {
            language = language.toLowerCase(Locale.ROOT);
            if (!SearchCriteria.LANGUAGES.contains(language)) {
                throw new BadRequestException("parameter 'lang' must be en or ru, was '" + lang + "'");
            }
        }
        Trends result = trends.trends(new TrendsService.TrendsRequest(QueryParser.parse(q), width,
                blankToNull(feed), language, since, until));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("trends-" + width.wireName() + ".csv").build().toString())
                .body(result.csv().getBytes(StandardCharsets.UTF_8));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static final String JSON_EXAMPLE = """
            {"query":"navalny","interval":"month","buckets":[
              {"start":"2026-01-01","mentions":14,"episodes":3,"audioHours":12.5,"mentionsPerHour":1.12},
              {"start":"2026-02-01","mentions":0,"episodes":0,"audioHours":10.25,"mentionsPerHour":0.0}]}""";
    private static final String CSV_EXAMPLE = """
            start,mentions,episodes,audioHours,mentionsPerHour\r
            2026-01-01,14,3,12.5,1.12\r
            2026-02-01,0,0,10.25,0.0\r
            """;
}
