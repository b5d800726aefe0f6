package dev.podgrep.ingest.feed;

import java.util.List;
import java.util.Objects;

import dev.podgrep.ingest.episode.Episode;

/**
 * What {@link FeedReader} made of one feed document.
 *
 * @param feed           the configured feed the document was read for
 * @param title          the feed's own title, plain text, or null
 * @param episodes       the episodes in document order (usually newest first), one per distinct guid
 * @param duplicateGuids guids that appeared on more than one item; only the first such item is in
 *                       {@code episodes}
 * @param problems       everything that was ignored or could not be read, one readable line each (an unreadable
 *                       date, an item without guid and enclosure, a duplicate guid...), for the ingestion log
 */
public record ParsedFeed(Feed feed, String title, List<Episode> episodes, List<String> duplicateGuids,
                         List<String> problems) {
    public ParsedFeed {
        Objects.requireNonNull(feed, "feed");
        episodes = List.copyOf(episodes);
        duplicateGuids = List.copyOf(duplicateGuids);
        problems = List.copyOf(problems);
    }
}
