package dev.podgrep.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXParseException;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;

import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.episode.TranscriptLink;
import dev.podgrep.ingest.feed.namespace.Itunes;
import dev.podgrep.ingest.feed.namespace.PodcastIndex;

/**
 * Reads a podcast feed document (RSS 2.0, RSS 0.9x/1.0 or Atom, as fetched) into {@link Episode}s with Rome.
 *
 * <p>The document is handed over as bytes: the character encoding comes from the document itself (byte order mark
 * or XML declaration, e.g. {@code windows-1251}), never from the platform default; without either it is UTF-8, as
 * XML says. HTML entities that are not XML ({@code &nbsp;}, {@code &laquo;}) are tolerated. DOCTYPEs and external
 * entities are refused.
 *
 * <p>Rome reads the standard elements; the extras are read per namespace ({@link Itunes}, {@link PodcastIndex})
 * from the item's own elements (the foreign markup), so they are found even if a Rome module for that namespace is
 * on the classpath. Dates Rome cannot read are given to {@link PublishedDateParser}. Item problems never fail the
 * whole feed: they are collected in {@link ParsedFeed#problems()}.
 *
 * <p>Instances hold no state and may be shared between threads.
 */
public final class FeedReader {

    private static final Logger log = LoggerFactory.getLogger(FeedReader.class);

    private static final String ATOM_10 = "http://www.w3.org/2005/Atom";
    private static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";
    /** Podcasts did not exist before this; an earlier date is a misreading (e.g. a two-digit year taken as such). */
    private static final int EARLIEST_PLAUSIBLE_YEAR = 1995;

    /** A reader; it keeps no state, one instance can serve every feed. */
    public FeedReader() {
    }

    /**
     * Reads a feed document.
     *
     * @param feed the configured feed the document belongs to; its name and language go into every episode
     * @param xml  the document exactly as served
     * @return the episodes and everything that was skipped
     * @throws FeedParseException when the document is not a readable RSS or Atom feed
     */
    public ParsedFeed read(Feed feed, byte[] xml) throws FeedParseException {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(xml, "xml");
        if (xml.length == 0) {
            throw new FeedParseException(feed, "the document is empty", null);
        }
        Document document = parseXml(feed, xml);
        SyndFeed syndFeed = toSyndFeed(feed, document);

        List<String> problems = new ArrayList<>();
        List<SyndEntry> entries = syndFeed.getEntries();
        List<Element> items = itemElements(document);
        if (items.size() != entries.size()) {
            problems.add("found " + items.size() + " item elements but Rome read " + entries.size()
                    + " entries; guids, dates, durations and transcripts are taken from Rome alone");
            items = null;
        }

        Map<String, Episode> byGuid = new LinkedHashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            Element item = items == null ? null : items.get(i);
            String where = "item " + (i + 1) + " ('" + Objects.requireNonNullElse(title(entry), "untitled") + "')";
            Optional<Episode> episode = toEpisode(feed, entry, item, message -> problems.add(where + ": " + message));
            if (episode.isEmpty()) {
                continue;
            }
            Episode e = episode.get();
            Episode first = byGuid.putIfAbsent(e.guid(), e);
            if (first != null) {
                duplicates.add(e.guid());
                problems.add(where + ": guid '" + e.guid() + "' already used by '" + first.title()
                        + "'; kept the first item, ignored this one");
            }
        }
        ParsedFeed parsed = new ParsedFeed(feed, HtmlText.decodeLine(syndFeed.getTitle()),
                new ArrayList<>(byGuid.values()), new ArrayList<>(duplicates), problems);
        log.debug("Feed '{}': {} episodes, {} duplicate guids, {} problems", feed.name(), parsed.episodes().size(),
                parsed.duplicateGuids().size(), parsed.problems().size());
        return parsed;
    }

    private static Document parseXml(Feed feed, byte[] xml) throws FeedParseException {
        SAXBuilder builder = new SecureRomeInput().saxBuilder();
        try (Reader reader = new XmlFixerReader(new XmlReader(new ByteArrayInputStream(xml), true))) {
            return builder.build(reader);
        } catch (JDOMParseException e) {
            if (looksLikeHtml(xml)) {
                throw new FeedParseException(feed, "not an RSS or Atom feed: the document is an HTML page", e);
            }
            String detail = e.getCause() instanceof SAXParseException sax ? sax.getMessage() : e.getMessage();
            throw new FeedParseException(feed, "invalid XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + detail, e);
        } catch (JDOMException e) {
            throw new FeedParseException(feed, "invalid XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedParseException(feed, "cannot decode the document's characters: " + e, e);
        }
    }

    private static boolean looksLikeHtml(byte[] xml) {
        String start = new String(xml, 0, Math.min(xml.length, 512), StandardCharsets.ISO_8859_1)
                .replace("\u00EF\u00BB\u00BF", "").strip().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    private static SyndFeed toSyndFeed(Feed feed, Document document) throws FeedParseException {
        try {
            return new SyndFeedInput().build(document);
        } catch (IllegalArgumentException e) {
            Element root = document.getRootElement();
            throw new FeedParseException(feed, "not an RSS or Atom feed (the document is <" + root.getQualifiedName()
                    + ">" + (root.getNamespaceURI().isEmpty() ? "" : " in " + root.getNamespaceURI()) + ")", e);
        } catch (com.rometools.rome.io.FeedException | RuntimeException e) {
            throw new FeedParseException(feed, "Rome could not read the feed: " + e.getMessage(), e);
        }
    }

    /** The item elements in the order Rome reads them: RSS channel items, RSS 1.0 items, Atom entries. */
    private static List<Element> itemElements(Document document) {
        Element root = document.getRootElement();
        return switch (root.getName()) {
            case "rss" -> {
                Element channel = childNamed(root, "channel");
                yield channel == null ? List.of() : childrenNamed(channel, "item", root.getNamespaceURI());
            }
            case "RDF" -> childrenNamed(root, "item", null);
            case "feed" -> childrenNamed(root, "entry", root.getNamespaceURI());
            default -> List.of();
        };
    }

    private static Optional<Episode> toEpisode(Feed feed, SyndEntry entry, Element item, Problems problems) {
        String title = title(entry);
        Enclosure enclosure = enclosure(entry, problems);
        String guid = guid(entry, item);
        if (guid == null) {
            if (enclosure == null) {
                problems.add("neither a guid nor an enclosure; skipped");
                return Optional.empty();
            }
            guid = enclosure.url();
        }
        Episode episode = new Episode(EpisodeId.of(feed.name(), guid), feed.name(), feed.language(), guid, title,
                publishedAt(entry, item, problems), description(entry, item), episodeUrl(entry),
                enclosure, duration(item, problems), transcripts(item, problems));
        return Optional.of(episode);
    }

    private static String title(SyndEntry entry) {
        SyndContent titleEx = entry.getTitleEx();
        String title = titleEx != null && isHtml(titleEx.getType())
                ? HtmlText.toPlainText(titleEx.getValue()) : HtmlText.decodeLine(entry.getTitle());
        return title == null || title.isBlank() ? null : title.replaceAll("\\s+", " ");
    }

    /** RSS: the {@code guid} element; Atom: {@code id}. Never Rome's fallback of the link. */
    private static String guid(SyndEntry entry, Element item) {
        if (item == null) {
            return blankToNull(entry.getUri());
        }
        Element guid = "entry".equals(item.getName()) ? item.getChild("id", item.getNamespace())
                : childNamed(item, "guid");
        return guid == null ? null : blankToNull(guid.getTextTrim());
    }

    private static Instant publishedAt(SyndEntry entry, Element item, Problems problems) {
        Date romeDate = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        Instant fromRome = romeDate == null ? null : romeDate.toInstant();
        if (fromRome != null && fromRome.atZone(ZoneOffset.UTC).getYear() >= EARLIEST_PLAUSIBLE_YEAR) {
            return fromRome;
        }
        String raw = item == null ? null : rawDate(item);
        if (raw == null) {
            return fromRome;
        }
        Optional<Instant> parsed = PublishedDateParser.parse(raw);
        if (parsed.isEmpty()) {
            problems.add("publication date '" + raw + "' is not a date podgrep can read; left empty");
        }
        return parsed.orElse(null);
    }

    private static String rawDate(Element item) {
        for (Element child : item.getChildren()) {
            String ns = child.getNamespaceURI();
            boolean core = ns.isEmpty() || ns.equals(item.getNamespaceURI());
            boolean candidate = switch (child.getName()) {
                case "pubDate" -> core;
                case "published", "updated", "issued", "modified" -> core || ns.equals(ATOM_10);
                case "date" -> ns.equals(DUBLIN_CORE);
                default -> false;
            };
            if (candidate && !child.getTextTrim().isEmpty()) {
                return child.getTextTrim();
            }
        }
        return null;
    }

    private static String description(SyndEntry entry, Element item) {
        List<String> candidates = new ArrayList<>();
        if (entry.getDescription() != null) {
            candidates.add(entry.getDescription().getValue());
        }
        entry.getContents().forEach(content -> candidates.add(content.getValue()));
        if (item != null) {
            Itunes.summary(item).ifPresent(candidates::add);
        }
        return candidates.stream()
                .map(HtmlText::toPlainText)
                .filter(text -> text != null && !text.isBlank())
                .findFirst()
                .orElse(null);
    }

    /** The episode's web page; Rome may offer a guid that is no URL as the link, so only http(s) URLs count. */
    private static String episodeUrl(SyndEntry entry) {
        String link = blankToNull(entry.getLink());
        return link != null && isHttpUrl(link) ? link : null;
    }

    /** The first audio or video enclosure, else the first enclosure with a URL. */
    private static Enclosure enclosure(SyndEntry entry, Problems problems) {
        List<SyndEnclosure> withUrl = entry.getEnclosures().stream()
                .filter(e -> blankToNull(e.getUrl()) != null)
                .toList();
        if (withUrl.isEmpty()) {
            return null;
        }
        SyndEnclosure chosen = withUrl.stream()
                .filter(e -> e.getType() != null && isMedia(e.getType()))
                .findFirst()
                .orElse(withUrl.getFirst());
        String url = chosen.getUrl().strip();
        if (!isHttpUrl(url)) {
            problems.add("enclosure URL '" + url + "' is not an http(s) URL");
        }
        return new Enclosure(url, blankToNull(chosen.getType()), Math.max(0, chosen.getLength()));
    }

    private static Double duration(Element item, Problems problems) {
        if (item == null) {
            return null;
        }
        Optional<String> text = Itunes.durationText(item);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Itunes.parseDuration(text.get());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + "; duration left empty");
            return null;
        }
    }

    private static List<TranscriptLink> transcripts(Element item, Problems problems) {
        return item == null ? List.of() : PodcastIndex.transcripts(item, problems::add);
    }

    private static boolean isMedia(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("audio/") || t.startsWith("video/");
    }

    private static boolean isHtml(String type) {
        return type != null && (type.equalsIgnoreCase("html") || type.equalsIgnoreCase("xhtml")
                || type.equalsIgnoreCase("text/html"));
    }

    private static boolean isHttpUrl(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static Element childNamed(Element parent, String name) {
        return parent.getChildren().stream()
                .filter(c -> c.getName().equals(name) && c.getNamespaceURI().equals(parent.getNamespaceURI()))
                .findFirst()
                .orElse(null);
    }

    private static List<Element> childrenNamed(Element parent, String name, String namespaceUri) {
        return parent.getChildren().stream()
                .filter(c -> c.getName().equals(name))
                .filter(c -> namespaceUri == null || c.getNamespaceURI().equals(namespaceUri))
                .toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Collects problems of one item, already prefixed with the item's position and title. */
    @FunctionalInterface
    private interface Problems {
        void add(String message);
    }

    /** Rome's input, for its hardened SAX builder (no DOCTYPE, no external entities). */
    private static final class SecureRomeInput extends WireFeedInput {
        SAXBuilder saxBuilder() {
            return createSAXBuilder();
        }
    }
}
