package dev.podgrep.app.episodes;

import java.util.List;

/**
 * One page of episodes, newest first.
 *
 * @param total exact number of episodes matching the filters
 * @param items the episodes of this page
 */
public record EpisodePage(long total, List<EpisodeRecord> items) {
    public EpisodePage {
        items = List.copyOf(items);
    }
}
