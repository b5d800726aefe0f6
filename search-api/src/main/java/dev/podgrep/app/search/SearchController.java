package dev.podgrep.app.search;

import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.PageWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code GET /api/search}: timestamped hits for plain user text. Every parameter is validated here or in
 * {@link SearchCriteria}/{@link QueryParser}; a bad one is a 400 problem whose detail names it.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "search", description = "Find where a word, name or phrase is spoken")
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping(path = "/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search the transcripts",
            description = """
                    `q` is plain text, never Elasticsearch syntax: words (all must occur in a segment), \
                    `"quoted phrases"` (adjacent; exact or inflected), `-word` and `-"phrase"` exclusions (exact). \
                    Words match in tiers, ranked in this order: exact (across scripts: `navalny` finds \
                    `Навальный`), stem (`военнопленные` finds `военнопленных`), sound (`Putintsev` finds the \
                    recognizer's `put in sev`), fuzzy (1-2 letters off). Each hit is one transcript segment with \
                    `matchKind` and, when the spoken words differ from the query's, `heardAs`; `matchSeconds` is \
                    the start of its first matching word and `deepLink` plays the audio from there.""")
    @ApiResponse(responseCode = "200", description = "Hits, best first",
            content = @Content(schema = @Schema(implementation = SearchResult.class),
                    examples = @ExampleObject(name = "a name", value = SEARCH_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Empty or over-long query, or a bad parameter (the detail names it)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Invalid request","status":400,
                     "detail":"size must be between 1 and 100, was 500","instance":"/api/search"}""")))
    SearchResult search(
            @Parameter(description = "What to find: words, \"phrases\", -exclusions (1-500 characters)",
                    example = "navalny \"central bank\" -football")
            @RequestParam(required = false) String q,
            @Parameter(description = "Only this feed (its configured name)", example = "the-naked-pravda")
            @RequestParam(required = false) String feed,
            @Parameter(description = "Only this language", schema = @Schema(allowableValues = {"en", "ru"}))
            @RequestParam(required = false) String lang,
            @Parameter(description = "Only episodes published on or after this date (UTC)", example = "2026-01-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
            @Parameter(description = "Only episodes published on or before this date (UTC, inclusive)",
                    example = "2026-12-31")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            @Parameter(description = "relevance (best first) or date (newest episode first)",
                    schema = @Schema(allowableValues = {"relevance", "date"}, defaultValue = "relevance"))
            @RequestParam(defaultValue = "relevance") String sort,
            @Parameter(description = "episode: one hit per episode (its best segment) with matchingSegments; "
                    + "total then counts episodes", schema = @Schema(allowableValues = {"episode"}))
            @RequestParam(required = false) String collapse,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "hits per page, 1-100") @RequestParam(defaultValue = "10") int size) {
        SearchCriteria.Sort order = switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "relevance" -> SearchCriteria.Sort.RELEVANCE;
            case "date" -> SearchCriteria.Sort.DATE;
            default -> throw new BadRequestException("parameter 'sort' must be relevance or date, was '" + sort + "'");
        };
        boolean collapsed = collapse != null && !collapse.isBlank();
        if (collapsed && !"episode".equals(collapse.strip().toLowerCase(Locale.ROOT))) {
            throw new BadRequestException("parameter 'collapse' must be 'episode' (or absent), was '" + collapse + "'");
        }
        String language = blankToNull(lang);
        if (language != null) {
            language = language.toLowerCase(Locale.ROOT);
            if (!SearchCriteria.LANGUAGES.contains(language)) {
                throw new BadRequestException("parameter 'lang' must be en or ru, was '" + lang + "'");
            }
        }
        PageWindow window = PageWindow.of(page, size, SearchCriteria.MAX_SIZE, "narrow the query");
        return search.search(new SearchCriteria(QueryParser.parse(q), blankToNull(feed), language, since,
                until, order, collapsed, window));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static final String SEARCH_EXAMPLE = """
            {"query":"navalny","total":2,"page":0,"size":10,"hits":[{
              "episodeId":"the-naked-pravda-3f2a9c","episodeTitle":"The man who came back",
              "feed":"the-naked-pravda","language":"en","publishedAt":"2026-03-01T06:00:00Z",
              "audioUrl":"https://cdn.example.org/audio/3f2a9c.mp3",
              "episodeUrl":"https://meduza.io/en/episodes/3f2a9c","transcriptSource":"asr",
              "startSeconds":12.0,"endSeconds":15.9,"matchSeconds":14.0,
              "text":"today we talk about Navalny and his return",
              "highlight":"today we talk about <em>Navalny</em> and his return",
              "deepLink":"https://cdn.example.org/audio/3f2a9c.mp3#t=14","matchKind":"exact"},{
              "episodeId":"meduza-v-kurse-77b1e0","episodeTitle":"Допрос","feed":"meduza-v-kurse",
              "language":"ru","publishedAt":"2026-03-04T06:00:00Z",
              "audioUrl":"https://cdn.example.org/audio/77b1e0.mp3",
              "episodeUrl":"https://meduza.io/episodes/77b1e0","transcriptSource":"asr",
              "startSeconds":301.2,"endSeconds":305.0,"matchSeconds":302.4,
              "text":"вчера допросили Навального снова",
              "highlight":"вчера допросили <em>Навального</em> снова",
              "deepLink":"https://cdn.example.org/audio/77b1e0.mp3#t=302","matchKind":"stem",
              "heardAs":"Навального"}]}""";
}
