package dev.podgrep.app.syndication;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * Feeds for podcast apps and feed readers: {@code GET /feeds/{name}.xml}, a feed re-published with podgrep's
 * transcripts, and {@code GET /api/search.rss?q=}, a saved search. Answers carry an ETag (see {@link SyndicationConfiguration}), so an app polling an unchanged feed gets
 * a 304 without a body.
 */
@RestController
@Tag(name = "feeds for apps", description = "Feeds podcast apps and feed readers subscribe to")
class SyndicationController {

    static final MediaType RSS = new MediaType("application", "rss+xml", StandardCharsets.UTF_8);

    private final RepublishedFeeds republished;
    private final SavedSearchFeeds savedSearches;

    SyndicationController(RepublishedFeeds republished, SavedSearchFeeds savedSearches) {
        this.republished = republished;
        this.savedSearches = savedSearches;
    }

    @GetMapping(path = "/api/search.rss", produces = "application/rss+xml")
    @Operation(summary = "A search as a feed: the newest episodes that mention it",
            description = "RSS 2.0 any feed reader can subscribe to: one item per episode, newest first, linking to the "
                    + "moment page of the episode's first mention, with the highlighted line; stable guids; ETag and "
                    + "304 for polling readers. q is the same plain text as in GET /api/search.")
    @ApiResponse(responseCode = "200", description = "RSS 2.0", content = @Content(mediaType = "application/rss+xml"))
    @ApiResponse(responseCode = "400", description = "An empty or invalid query or filter",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<String> savedSearch(
            @Parameter(description = "what to watch: words, \"phrases\", -exclusions") @RequestParam(required = false)
            String q,
            @Parameter(description = "only this feed") @RequestParam(required = false) String feed,
            @Parameter(description = "only this language", schema = @io.swagger.v3.oas.annotations.media.Schema(
                    allowableValues = {"en", "ru"})) @RequestParam(required = false) String lang) {
        String language = lang == null || lang.isBlank() ? null : lang.strip().toLowerCase(java.util.Locale.ROOT);
        if (language != null && !language.equals("en") && !language.equals("ru")) {
            throw new dev.podgrep.app.web.BadRequestException("parameter 'lang' must be en or ru, was '" + lang + "'");
        }
        return ResponseEntity.ok().contentType(RSS).body(savedSearches.rss(
                dev.podgrep.app.search.query.QueryParser.parse(q),
                feed == null || feed.isBlank() ? null : feed.strip(), language));
    }

    @GetMapping(path = "/feeds/{name}.xml", produces = "application/rss+xml")
    @Operation(summary = "A feed re-published with podgrep's transcripts",
            description = "Every episode the original feed lists, with its original audio; each indexed one links "
                    + "its transcript with <podcast:transcript> (WebVTT captions and Podcasting 2.0 JSON), so podcast "
                    + "apps such as AntennaPod show it. Subscribe to this URL instead of the original.")
    @ApiResponse(responseCode = "200", description = "RSS 2.0", content = @Content(mediaType = "application/rss+xml"))
    @ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @ApiResponse(responseCode = "404", description = "No feed of that name",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<String> republished(@Parameter(description = "the feed's name, as in GET /api/feeds")
                                       @PathVariable String name) {
        return ResponseEntity.ok().contentType(RSS).body(republished.rss(name));
    }
}
