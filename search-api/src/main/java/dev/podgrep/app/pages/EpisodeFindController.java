package dev.podgrep.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.StoredTranscripts;
import dev.podgrep.app.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /episodes/{id}/find?q=}: the words a search inside the episode finds, for the moment page's script
 * (which marks them without reloading the page and its player). The same parser and word matcher as the search
 * page; errors are problem+json like the API's.
 */
@RestController
@Hidden   // serves the moment page's script, not part of the JSON API
class EpisodeFindController {

    private final StoredTranscripts transcripts;
    private final PageText text;

    EpisodeFindController(StoredTranscripts transcripts, PageText text) {
        this.transcripts = transcripts;
        this.text = text;
    }

    @GetMapping(path = "/episodes/{id}/find", produces = MediaType.APPLICATION_JSON_VALUE)
    FindAnswer find(@PathVariable String id, @RequestParam(required = false) String q, Locale locale) {
        ParsedQuery query = QueryParser.parse(q);
        List<SegmentDocument> segments = transcripts.segments(id);
        if (segments.isEmpty()) {
            throw new NotFoundException("No transcript is stored for episode '" + id + "'.");
        }
        List<TranscriptLayout.Found> found = TranscriptLayout.find(segments, query);
        return new FindAnswer(query.text(), found.size(), text.format("moment.find.summary", locale, found.size()),
                found.stream().mapToInt(TranscriptLayout.Found::word).toArray(),
                found.stream().mapToDouble(TranscriptLayout.Found::start).toArray());
    }

    /**
     * The answer of {@code /episodes/{id}/find}.
     *
     * @param query   the query as parsed
     * @param count   how many words were found
     * @param summary {@code 3 matches}, in the reader's language
     * @param words   the numbers of the words found (0-based, in transcript order: the page's {@code .word}s)
     * @param starts  their starts, seconds
     */
    record FindAnswer(String query, int count, String summary, int[] words, double[] starts) {
    }
}
