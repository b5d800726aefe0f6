package dev.podgrep.app.pages;

import java.util.List;

/**
 * What the search page shows: the form as asked, the feeds to filter by, and the results (or why there are none).
 *
 * @param form    the search as asked
 * @param feeds   the feeds podgrep ingests, for the feed filter (empty in a results fragment)
 * @param results the results, or null before anything was asked
 * @param error   why the search could not run (a bad query or filter), or null
 */
public record SearchPage(SearchForm form, List<FeedOption> feeds, Results results, String error) {

    /** A feed in the filter. */
    public record FeedOption(String name, String label) {
    }

    /**
     * One page of results, grouped by episode.
     *
     * @param summary     {@code 12 hits in 3 episodes}, in the reader's language
     * @param total       hits in all
     * @param groups      the hits of this page by episode, in the order of their best (or newest) hit
     * @param previous    link to the previous page, or null
     * @param next        link to the next page, or null
     * @param range       {@code 1–30}, the hits shown on this page
     * @param suggestions when nothing was found with filters: the same search without each of them
     */
    public record Results(String summary, long total, List<EpisodeHits> groups, String previous, String next,
                          String range, List<Link> suggestions) {
    }

    /** A link with its text. */
    public record Link(String label, String href) {
    }

    /**
     * An episode's hits on this page.
     *
     * @param episodeId the episode
     * @param title     its title (its id when it has none)
     * @param feed      its feed's name
     * @param language  {@code en} or {@code ru}
     * @param date      the publication date in the reader's language
     * @param dateIso   the publication date as ISO-8601, or empty
     * @param source    where the transcript came from, in the reader's language
     * @param href      its moment page (from the first hit)
     * @param hits      the hits in time order
     */
    public record EpisodeHits(String episodeId, String title, String feed, String language, String date,
                              String dateIso, String source, String href, List<Hit> hits) {
    }

    /**
     * One hit.
     *
     * @param episodeId    the episode
     * @param matchSeconds where the first matching word starts, seconds (a plain decimal for {@code data-*})
     * @param clock        the same as {@code mm:ss}
     * @param highlight    the segment's words, HTML-escaped, matches in {@code <em>} (from the search service)
     * @param href         the moment page a couple of seconds before the match, with the query
     * @param audioUrl     the episode's audio (the feed's enclosure), or null
     * @param heardAs      the words as they were heard when they differ from the query, or null
     */
    public record Hit(String episodeId, String matchSeconds, String clock, String highlight, String href,
                      String audioUrl, String heardAs) {
    }
}
