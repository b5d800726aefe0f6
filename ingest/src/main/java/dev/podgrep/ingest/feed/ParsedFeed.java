package dev.podgrep.ingest.feed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.podgrep.ingest.episode.Episode;

/**
 * What {@link FeedReader} made of one feed document.
 *
 * @param feed           the configured feed the document was read for
 * @param title          the feed's own title, plain text, or null
 * @param episodes       the episodes in document order (usually newest first), one per distinct guid
 * @param duplicateGuids guids that appeared on more than one item; only the first such item is in
 *                       {@code episodes}
 * @param problems       everything that was ignored, recovered or could not be read, one readable line each (an
 *                       unreadable date, an item without guid and enclosure, a duplicate guid, undeclared namespace
 *                       prefixes...), for the ingestion log and the feed's status
 * @param movedTo        the URL the feed says it has moved to ({@code <itunes:new-feed-url>} or
 *                       {@code <redirect><newLocation>}), absolute http(s) and not the feed's own; empty when it has
 *                       not moved. A document that is only a redirect has no episodes.
 */
public record ParsedFeed(Feed feed, String title, List<Episode> episodes, List<String> duplicateGuids,
                         List<String> problems, Optional<String> movedTo) {
    public ParsedFeed {
        Objects.requireNonNull(feed, "feed");
        episodes = List.copyOf(episodes);
        duplicateGuids = List.copyOf(duplicateGuids);
        problems = List.copyOf(problems);
        movedTo = movedTo == null ? Optional.empty() : movedTo;
    }

    /**
     * A feed that has not moved.
     *
     * @param feed           the configured feed
     * @param title          its title, or null
     * @param episodes       its episodes
     * @param duplicateGuids guids seen on more than one item
     * @param problems       what was ignored
     */
    public ParsedFeed(Feed feed, String title, List<Episode> episodes, List<String> duplicateGuids,
                      List<String> problems) {
        this(feed, title, episodes, duplicateGuids, problems, Optional.empty());
    }
}
