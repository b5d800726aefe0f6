package dev.podgrep.ingest.feed.namespace;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdom2.Element;

/**
 * The Apple Podcasts ({@code itunes:}) elements podgrep reads: {@code itunes:duration} and {@code itunes:summary}
 * of an item, and {@code itunes:new-feed-url} of a channel (the feed has moved).
 */
public final class Itunes {

    /** The namespace URI as Apple documents it; {@code https} and upper-case variants are accepted too. */
    public static final String NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    private static final Set<String> URIS = Namespaces.normalisedSet(NAMESPACE);
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d+):(\\d+(?:[.,]\\d+)?)");
    private static final Pattern SECONDS = Pattern.compile("\\d+(?:[.,]\\d+)?");

    private Itunes() {
    }

    /**
     * The raw text of the item's {@code itunes:duration}.
     *
     * @param item an RSS {@code <item>} or Atom {@code <entry>}
     * @return the trimmed text, empty when the element is absent or blank
     */
    public static Optional<String> durationText(Element item) {
        return Namespaces.childText(item, "duration", URIS);
    }

    /**
     * The item's {@code itunes:summary}, as written (may be HTML).
     *
     * @param item an RSS {@code <item>} or Atom {@code <entry>}
     * @return the trimmed text, empty when absent or blank
     */
    public static Optional<String> summary(Element item) {
        return Namespaces.childText(item, "summary", URIS);
    }

    /**
     * The channel's {@code itunes:new-feed-url}: where the publisher says the feed now lives (Apple's way of moving
     * a feed). Many feeds name their own URL here; the caller decides whether it is a move.
     *
     * @param channel an RSS {@code <channel>} or the Atom {@code <feed>}
     * @return the URL as written, trimmed, empty when absent or blank
     */
    public static Optional<String> newFeedUrl(Element channel) {
        return Namespaces.childText(channel, "new-feed-url", URIS);
    }

    /**
     * Parses an {@code itunes:duration}: {@code HH:MM:SS}, {@code H:MM:SS}, {@code MM:SS} or a number of seconds,
     * each optionally with a fraction ({@code 1:02:03.5}, {@code 3723.5}).
     *
     * @param text the element text
     * @return the duration in seconds
     * @throws IllegalArgumentException naming the text when it has none of these forms
     */
    public static double parseDuration(String text) {
        String t = text.strip();
        Matcher clock = CLOCK.matcher(t);
        if (clock.matches()) {
            long hours = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
            long minutes = Long.parseLong(clock.group(2));
            double seconds = Double.parseDouble(clock.group(3).replace(',', '.'));
            return hours * 3600 + minutes * 60 + seconds;
        }
        if (SECONDS.matcher(t).matches()) {
            return Double.parseDouble(t.replace(',', '.'));
        }
        throw new IllegalArgumentException("itunes:duration '" + text + "' is not HH:MM:SS, MM:SS or seconds");
    }
}
