package dev.podgrep.app.syndication;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.episodes.FeedListing;
import dev.podgrep.app.feeds.FeedRecord;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.web.NotFoundException;
import dev.podgrep.app.web.PublicUrl;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A feed podgrep ingests, published again with podgrep's transcripts: every episode the original feed lists now,
 * with its original enclosure, and for every INDEXED one two Podcasting 2.0 {@code <podcast:transcript>} links: the
 * WebVTT captions ({@code type="text/vtt" rel="captions"}) and the Podcasting 2.0 JSON transcript
 * ({@code type="application/json"}, the format AntennaPod prefers), both served by
 * {@code GET /api/episodes/{id}/transcript}. A listener subscribes to it in their podcast app instead of the
 * original and sees transcripts where the publisher offers none. Written with Rome as RSS 2.0.
 *
 * <p>Episodes the publisher dropped from its feed are not re-published (their transcripts stay searchable).
 */
@Service
public class RepublishedFeeds {

    /** The Podcasting 2.0 namespace (the URI podcast apps match). */
    static final Namespace PODCAST = Namespace.getNamespace("podcast", "https://podcastindex.org/namespace/1.0");

    private final FeedRegistry feeds;
    private final EpisodeStore episodes;
    private final PublicUrl publicUrl;

    public RepublishedFeeds(FeedRegistry feeds, EpisodeStore episodes, PublicUrl publicUrl) {
        this.feeds = feeds;
        this.episodes = episodes;
        this.publicUrl = publicUrl;
    }

    /**
     * The re-published feed as RSS 2.0.
     *
     * @throws NotFoundException when podgrep ingests no feed of that name
     */
    public String rss(String feedName) {
        FeedRecord feed = feeds.list().stream().filter(f -> f.name().equals(feedName)).findFirst()
                .orElseThrow(() -> new NotFoundException("podgrep ingests no feed named '" + feedName + "'; GET "
                        + "/api/feeds lists them"));
        SyndFeed rss = new SyndFeedImpl();
        rss.setFeedType("rss_2.0");
        String title = feed.title() == null || feed.title().isBlank() ? feed.name() : feed.title();
        rss.setTitle(title + " (with transcripts)");
        rss.setLink(publicUrl.of("/?feed=" + feed.name()));
        rss.setDescription(title + ", re-published by podgrep: the original episodes and audio, with timed"
                + " transcripts that podcast apps can show. Original feed: " + feed.url());
        rss.setLanguage(feed.language());
        rss.setGenerator("podgrep");
        List<SyndEntry> items = new ArrayList<>();
        for (EpisodeRecord episode : episodes.listed(feed.name())) {
            items.add(item(episode));
        }
        rss.setEntries(items);
        try {
            return new SyndFeedOutput().outputString(rss, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the re-published feed " + feedName, e);
        }
    }

    private SyndEntry item(EpisodeRecord episode) {
        FeedListing listing = episode.listing();
        SyndEntry item = new SyndEntryImpl();
        item.setTitle(listing.title() == null ? episode.id() : listing.title());
        item.setLink(listing.episodeUrl());
        item.setUri(listing.guid());
        if (listing.publishedAt() != null) {
            item.setPublishedDate(Date.from(listing.publishedAt()));
        }
        if (listing.description() != null) {
            SyndContent description = new SyndContentImpl();
            description.setType("text/plain");
            description.setValue(listing.description());
            item.setDescription(description);
        }
        if (listing.audioUrl() != null) {
            SyndEnclosure enclosure = new SyndEnclosureImpl();
            enclosure.setUrl(listing.audioUrl());
            enclosure.setType(listing.audioType() == null ? "audio/mpeg" : listing.audioType());
            enclosure.setLength(listing.audioLength());
            item.setEnclosures(List.of(enclosure));
        }
        if (episode.status() == EpisodeStatus.INDEXED) {
            String transcript = "/api/episodes/" + episode.id() + "/transcript?format=";
            item.setForeignMarkup(List.of(
                    transcript(publicUrl.of(transcript + "vtt"), "text/vtt", listing.language(), "captions"),
                    transcript(publicUrl.of(transcript + "podcasting2"), "application/json", listing.language(),
                            null)));
        }
        return item;
    }

    private static Element transcript(String url, String type, String language, String rel) {
        Element element = new Element("transcript", PODCAST).setAttribute("url", url).setAttribute("type", type);
        if (language != null) {
            element.setAttribute("language", language);
        }
        if (rel != null) {
            element.setAttribute("rel", rel);
        }
        return element;
    }
}
