package dev.podgrep.ingest.feed.namespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.jdom2.Element;

import dev.podgrep.ingest.episode.TranscriptLink;

/**
 * The Podcasting 2.0 ({@code podcast:}) elements podgrep reads from an item: {@code <podcast:transcript url type
 * language rel>}, publisher transcripts that can stand in for speech recognition.
 */
public final class PodcastIndex {

    /** The namespace URI of Podcasting 2.0; {@code http} and the early GitHub URI are accepted too. */
    public static final String NAMESPACE = "https://podcastindex.org/namespace/1.0";

    private static final Set<String> URIS = Namespaces.normalisedSet(NAMESPACE,
            "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md");

    private PodcastIndex() {
    }

    /**
     * The transcripts an item announces, in document order.
     *
     * @param item     an RSS {@code <item>} or Atom {@code <entry>}
     * @param urls     resolves each {@code url} (relative ones against the feed, only http(s) kept)
     * @param problems told about each {@code podcast:transcript} that had to be ignored (no {@code url}; an
     *                 unusable one is reported by {@code urls})
     * @return the transcript links with absolute http(s) URLs; {@code type}, {@code language} and {@code rel} are
     *         null when absent
     */
    public static List<TranscriptLink> transcripts(Element item, ElementUrls urls, Consumer<String> problems) {
        List<TranscriptLink> links = new ArrayList<>();
        for (Element transcript : Namespaces.children(item, "transcript", URIS)) {
            String written = Namespaces.attribute(transcript, "url");
            if (written == null) {
                problems.accept("podcast:transcript without a url attribute ignored");
                continue;
            }
            Optional<String> url = urls.resolve(transcript, written, "podcast:transcript URL");
            url.ifPresent(u -> links.add(new TranscriptLink(u, Namespaces.attribute(transcript, "type"),
                    Namespaces.attribute(transcript, "language"), Namespaces.attribute(transcript, "rel"))));
        }
        return links;
    }
}
