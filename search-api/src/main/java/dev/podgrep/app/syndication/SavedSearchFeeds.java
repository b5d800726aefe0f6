package dev.podgrep.app.syndication;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.podgrep.app.search.SearchCriteria;
import dev.podgrep.app.search.SearchHit;
import dev.podgrep.app.search.SearchResult;
import dev.podgrep.app.search.SearchService;
import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.web.PageWindow;
import dev.podgrep.app.web.PublicUrl;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved search as a feed ({@code GET /api/search.rss?q=}): the newest episodes that mention the query, one item
 * per episode, newest first, so that any feed reader watches a name. Each item links to the moment page of the
 * episode's first mention, its description is the highlighted line of that mention, and its guid is stable per
 * episode (the episode's moment page without a time), so a reader shows an episode once however often it polls.
 * Written with Rome as RSS 2.0; the same search service as {@code GET /api/search} finds the mentions.
 */
@Service
public class SavedSearchFeeds {

    /** Episodes in the feed. */
    static final int ITEMS = 20;
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 10;

    private final SearchService search;
    private final PublicUrl publicUrl;

    public SavedSearchFeeds(SearchService search, PublicUrl publicUrl) {
        this.search = search;
        this.publicUrl = publicUrl;
    }

    /** The feed of {@code query} (already parsed and validated), optionally of one feed or language. */
    public String rss(ParsedQuery query, String feed, String language) {
        Map<String, SearchHit> firstMentions = firstMentions(query, feed, language);
        SyndFeed rss = new SyndFeedImpl();
        rss.setFeedType("rss_2.0");
        rss.setTitle("podgrep: \u201c" + query.text() + "\u201d");
        String searchPath = "/?q=" + UriUtils.encodeQueryParam(query.text(), StandardCharsets.UTF_8)
                + (feed == null ? "" : "&feed=" + UriUtils.encodeQueryParam(feed, StandardCharsets.UTF_8))
                + (language == null ? "" : "&lang=" + language);
        rss.setLink(publicUrl.of(searchPath));
        rss.setDescription("The newest podcast episodes that mention \u201c" + query.text() + "\u201d, found by"
                + " podgrep in their transcripts; each item opens the second it is said.");
        rss.setGenerator("podgrep");
        List<SyndEntry> items = new ArrayList<>();
        for (SearchHit hit : firstMentions.values()) {
            SyndEntry item = new SyndEntryImpl();
            item.setTitle(hit.episodeTitle() == null ? hit.episodeId() : hit.episodeTitle());
            item.setLink(publicUrl.moment(hit.episodeId(), Math.max(0, hit.matchSeconds() - 2), null));
            item.setUri(publicUrl.of("/episodes/" + hit.episodeId()));
            if (hit.publishedAt() != null) {
                item.setPublishedDate(Date.from(Instant.parse(hit.publishedAt())));
            }
            item.setAuthor(hit.feed());
            SyndContent description = new SyndContentImpl();
            description.setType("text/html");
            description.setValue(hit.highlight());
            item.setDescription(description);
            items.add(item);
        }
        rss.setEntries(items);
        if (!items.isEmpty() && items.getFirst().getPublishedDate() != null) {
            rss.setPublishedDate(items.getFirst().getPublishedDate());
        }
        try {
            return new SyndFeedOutput().outputString(rss, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the saved-search feed", e);
        }
    }

    /**
     * The first mention in each of the newest {@value #ITEMS} episodes: hits by date (newest episode first, then
     * time in the episode), keeping each episode's first hit.
     */
    private Map<String, SearchHit> firstMentions(ParsedQuery query, String feed, String language) {
        Map<String, SearchHit> first = new LinkedHashMap<>();
        for (int page = 0; page < MAX_PAGES && first.size() < ITEMS; page++) {
            SearchResult result = search.search(new SearchCriteria(query, feed, language, null, null,
                    SearchCriteria.Sort.DATE, false, new PageWindow(page, PAGE)));
            for (SearchHit hit : result.hits()) {
                if (first.size() == ITEMS && !first.containsKey(hit.episodeId())) {
                    break;
                }
                first.putIfAbsent(hit.episodeId(), hit);
            }
            if (result.hits().size() < PAGE) {
                break;
            }
        }
        return first;
    }
}
