package dev.podgrep.ingest.feed;

import java.util.Objects;

/**
 * A feed document that could not be read at all: not XML, not RSS or Atom, or an encoding Java does not know.
 * The message names the feed and the cause, e.g. {@code Feed 'The Naked Pravda' (https://...) could not be read:
 * invalid XML at line 12, column 7: ...}. Problems with single items never cause this; they are reported in
 * {@link ParsedFeed#problems()}.
 */
public class FeedParseException extends Exception {

    private final transient Feed feed;
    private final String reason;

    /**
     * @param feed   the feed whose document failed
     * @param reason what was wrong, without the feed's name (it is added)
     * @param cause  the underlying exception, or null
     */
    public FeedParseException(Feed feed, String reason, Throwable cause) {
        super("Feed '" + Objects.requireNonNull(feed, "feed").name() + "' (" + feed.url() + ") could not be read: "
                + reason, cause);
        this.feed = feed;
        this.reason = reason;
    }

    /** @return the feed whose document failed */
    public Feed feed() {
        return feed;
    }

    /** @return what was wrong, without the feed's name; short enough to store as a feed's last error */
    public String reason() {
        return reason;
    }
}
