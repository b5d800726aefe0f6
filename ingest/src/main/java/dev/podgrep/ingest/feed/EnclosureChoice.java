package dev.podgrep.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.jdom2.Element;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;

import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.feed.namespace.MediaRss;

/**
 * Chooses the one audio file of an item among what it announces: RSS {@code <enclosure>}s, Atom
 * {@code <link rel="enclosure">}s and Media RSS {@code <media:content>}s (on the item or in a {@code media:group}).
 *
 * <p>The rule, first match wins, document order within each step:
 * <ol>
 *   <li>an enclosure announced as audio ({@code audio/*});</li>
 *   <li>an audio {@code media:content} ({@code medium="audio"}, or an {@code audio/*} type, or, with neither, an
 *       audio file extension);</li>
 *   <li>an enclosure announced as video ({@code video/*}): video podcasts, FFmpeg takes the audio track;</li>
 *   <li>an enclosure with another type or none.</li>
 * </ol>
 * A candidate whose URL is unusable (not http(s), or relative without an http(s) base) is reported and skipped; the
 * next one is tried. Images, video-only and other {@code media:content}s are never chosen.
 */
final class EnclosureChoice {

    private static final String ATOM_10 = "http://www.w3.org/2005/Atom";

    /**
     * @param enclosure  the chosen audio, its URL absolute http(s)
     * @param writtenUrl its URL as the feed writes it (trimmed); an item without guid is identified by this, so the
     *                   episode id does not depend on where the feed is fetched from
     */
    record Chosen(Enclosure enclosure, String writtenUrl) {
    }

    private enum Kind { AUDIO_ENCLOSURE, AUDIO_MEDIA_CONTENT, VIDEO_ENCLOSURE, OTHER_ENCLOSURE, NOT_AUDIO }

    private record Candidate(Element element, String url, String type, long length, Kind kind) {
    }

    private EnclosureChoice() {
    }

    /**
     * @param entry    Rome's entry (its enclosures are used only when the item element is not known)
     * @param item     the item element, or null when Rome's entries could not be matched to elements
     * @param context  the element relative URLs of Rome's enclosures are resolved against when {@code item} is null
     * @param urls     resolution of the document's URLs
     * @param problems told about every candidate that was tried and refused
     * @return the chosen audio, empty when the item has none that is usable
     */
    static Optional<Chosen> choose(SyndEntry entry, Element item, Element context, DocumentUrls urls,
                                   Consumer<String> problems) {
        List<Candidate> candidates = item != null ? candidates(item) : candidates(entry);
        for (Kind kind : List.of(Kind.AUDIO_ENCLOSURE, Kind.AUDIO_MEDIA_CONTENT, Kind.VIDEO_ENCLOSURE,
                Kind.OTHER_ENCLOSURE)) {
            for (Candidate candidate : candidates) {
                if (candidate.kind() != kind) {
                    continue;
                }
                String what = kind == Kind.AUDIO_MEDIA_CONTENT ? "media:content URL" : "enclosure URL";
                Element where = candidate.element() != null ? candidate.element() : context;
                Optional<String> url = urls.resolve(where, candidate.url(), what, problems);
                if (url.isPresent()) {
                    return Optional.of(new Chosen(new Enclosure(url.get(), candidate.type(), candidate.length()),
                            candidate.url().strip()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the item announces anything that could have been its audio (to word the problem of an item without). */
    static boolean hasCandidates(SyndEntry entry, Element item) {
        return (item != null ? candidates(item) : candidates(entry)).stream()
                .anyMatch(candidate -> candidate.kind() != Kind.NOT_AUDIO);
    }

    private static List<Candidate> candidates(Element item) {
        List<Candidate> candidates = new ArrayList<>();
        boolean atom = item.getName().equals("entry") && item.getNamespaceURI().equals(ATOM_10);
        for (Element child : item.getChildren()) {
            if (atom && child.getName().equals("link") && child.getNamespaceURI().equals(ATOM_10)
                    && "enclosure".equals(child.getAttributeValue("rel"))) {
                add(candidates, child, child.getAttributeValue("href"), child.getAttributeValue("type"),
                        child.getAttributeValue("length"));
            } else if (!atom && child.getName().equals("enclosure") && (child.getNamespaceURI().isEmpty()
                    || child.getNamespaceURI().equals(item.getNamespaceURI()))) {
                add(candidates, child, child.getAttributeValue("url"), child.getAttributeValue("type"),
                        child.getAttributeValue("length"));
            }
        }
        for (MediaRss.Content content : MediaRss.contents(item)) {
            candidates.add(new Candidate(content.element(), content.url(), content.type(),
                    parseLength(content.fileSize()), content.isAudio() ? Kind.AUDIO_MEDIA_CONTENT : Kind.NOT_AUDIO));
        }
        return candidates;
    }

    private static List<Candidate> candidates(SyndEntry entry) {
        List<Candidate> candidates = new ArrayList<>();
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            if (enclosure.getUrl() != null && !enclosure.getUrl().isBlank()) {
                String type = blankToNull(enclosure.getType());
                candidates.add(new Candidate(null, enclosure.getUrl(), type, Math.max(0, enclosure.getLength()),
                        enclosureKind(type)));
            }
        }
        return candidates;
    }

    private static void add(List<Candidate> candidates, Element element, String url, String type, String length) {
        if (url == null || url.isBlank()) {
            return;
        }
        String t = blankToNull(type);
        candidates.add(new Candidate(element, url, t, parseLength(length), enclosureKind(t)));
    }

    private static Kind enclosureKind(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return t.startsWith("audio/") ? Kind.AUDIO_ENCLOSURE
                : t.startsWith("video/") ? Kind.VIDEO_ENCLOSURE : Kind.OTHER_ENCLOSURE;
    }

    /** An announced size: the number of bytes, 0 when absent, unreadable or negative (often wrong, never enforced). */
    private static long parseLength(String length) {
        if (length == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(length.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
