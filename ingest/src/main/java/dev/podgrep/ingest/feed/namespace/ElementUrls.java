package dev.podgrep.ingest.feed.namespace;

import java.util.Optional;

import org.jdom2.Element;

/**
 * How the namespace readers turn a URL written on an element into one podgrep can fetch; {@link
 * dev.podgrep.ingest.feed.FeedReader} supplies it (relative references resolved against the feed's URL and
 * {@code xml:base}, only http(s) kept, everything else reported as a feed problem).
 */
@FunctionalInterface
public interface ElementUrls {

    /**
     * @param element   the element the reference is written on (its {@code xml:base} and its ancestors' count)
     * @param reference the URL as written, absolute or relative
     * @param what      what the URL is, for the problem reported when it is unusable, e.g. {@code "enclosure URL"}
     * @return the absolute http(s) URL, or empty when there is none (the reason has been reported)
     */
    Optional<String> resolve(Element element, String reference, String what);
}
