package dev.podgrep.ingest.feed;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jdom2.Document;
import org.jdom2.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.episode.TranscriptLink;
import dev.podgrep.ingest.feed.namespace.Itunes;
import dev.podgrep.ingest.feed.namespace.MediaRss;
import dev.podgrep.ingest.feed.namespace.PodcastIndex;

/**
 * Reads a podcast feed document (RSS 2.0, RSS 0.9x/1.0 or Atom, as fetched) into {@link Episode}s with Rome.
 *
 * <p>The document is handed over as bytes: the character encoding comes from the document itself (byte order mark
 * or XML declaration, e.g. {@code windows-1251}), never from the platform default; without either it is UTF-8, as
 * XML says. HTML entities that are not XML ({@code &nbsp;}, {@code &laquo;}) are tolerated. DOCTYPEs and external
 * entities are refused. The well-known podcast namespace prefixes ({@code itunes:}, {@code podcast:},
 * {@code media:}...) used without their {@code xmlns:} declaration are recovered: the document is read again with
 * them declared, and a problem says so.
 *
 * <p>Rome reads the standard elements; the extras are read per namespace ({@link Itunes}, {@link PodcastIndex},
 * {@link MediaRss}) from the item's own elements (the foreign markup), so they are found even if a Rome module for
 * that namespace is on the classpath. Dates Rome cannot read are given to {@link PublishedDateParser}. Item problems
 * never fail the whole feed: they are collected in {@link ParsedFeed#problems()}.
 *
 * <p><b>URLs.</b> Enclosure, {@code media:content}, item link and {@code podcast:transcript} URLs are resolved
 * (RFC 3986) against the document's URL and any {@code xml:base}; only http(s) URLs are kept, any other
 * ({@code javascript:}, {@code data:}, {@code file:}...) is dropped with a problem and never becomes an episode's
 * audio URL.
 *
 * <p><b>The episode's audio</b> is chosen among the item's enclosures and Media RSS contents by this rule (first
 * match wins, document order within a step): an enclosure announced as {@code audio/*}; else an audio
 * {@code media:content} (on the item or in a {@code media:group}); else an enclosure announced as {@code video/*};
 * else an enclosure of another or no type. Candidates with unusable URLs are skipped.
 *
 * <p><b>Moved feeds.</b> A channel's {@code <itunes:new-feed-url>}, or a {@code <redirect><newLocation>}
 * (as a whole document, on the {@code <rss>} root or in the channel), naming another URL than the feed's is
 * reported as {@link ParsedFeed#movedTo()}; a document that is only a redirect yields no episodes.
 *
 * <p><b>Bounds.</b> At most {@link #DEFAULT_MAX_EPISODES} episodes per feed (configurable): a longer feed keeps its
 * newest ones by publication date and a problem says how many were dropped. At most {@value #MAX_TRANSCRIPT_LINKS}
 * {@code podcast:transcript} links per episode, the best ones (in the feed's language or none, then timed formats
 * podgrep reads: SRT, WebVTT, JSON; then others; HTML last), kept in document order. At most
 * {@value #MAX_PROBLEMS} problem lines per feed, feed-wide ones first. Show notes are bounded by {@link HtmlText}.
 *
 * <p>Instances hold no mutable state and may be shared between threads.
 */
public final class FeedReader {

    private static final Logger log = LoggerFactory.getLogger(FeedReader.class);

    private static final String ATOM_10 = "http://www.w3.org/2005/Atom";
    private static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";
    /** Podcasts did not exist before this; an earlier date is a misreading (e.g. a two-digit year taken as such). */
    private static final int EARLIEST_PLAUSIBLE_YEAR = 1995;

    /** Default most episodes kept per feed: 5,000 (a daily show for 13 years). */
    public static final int DEFAULT_MAX_EPISODES = 5_000;

    /** Most {@code podcast:transcript} links kept per episode. */
    public static final int MAX_TRANSCRIPT_LINKS = 3;

    /** Most problem lines reported per feed; the last one says how many more there were. */
    public static final int MAX_PROBLEMS = 100;

    private static final Set<String> TIMED_TRANSCRIPT_TYPES = Set.of("application/x-subrip", "application/srt",
            "text/srt", "text/x-srt", "text/vtt", "application/json");

    private final int maxEpisodes;

    /** A reader keeping at most {@link #DEFAULT_MAX_EPISODES} episodes per feed; one instance can serve every feed. */
    public FeedReader() {
        this(DEFAULT_MAX_EPISODES);
    }

    /**
     * @param maxEpisodes most episodes kept per feed, the newest (at least 1)
     */
    public FeedReader(int maxEpisodes) {
        if (maxEpisodes < 1) {
            throw new IllegalArgumentException("maxEpisodes must be at least 1, was " + maxEpisodes);
        }
        this.maxEpisodes = maxEpisodes;
    }

    /**
     * Reads a feed document fetched from the feed's own URL: relative URLs in it are resolved against
     * {@link Feed#url()}.
     *
     * @param feed the configured feed the document belongs to; its name and language go into every episode
     * @param xml  the document exactly as served
     * @return the episodes and everything that was skipped
     * @throws FeedParseException when the document is not a readable RSS or Atom feed
     */
    public ParsedFeed read(Feed feed, byte[] xml) throws FeedParseException {
        return read(feed, xml, feed.url());
    }

    /**
     * Reads a feed document.
     *
     * @param feed        the configured feed the document belongs to; its name and language go into every episode
     * @param xml         the document exactly as served
     * @param documentUrl the URL the document was fetched from after redirects
     *                    ({@link dev.podgrep.ingest.fetch.FeedFetchResult.Fetched#finalUrl()}): the base of its
     *                    relative URLs; null means {@link Feed#url()}
     * @return the episodes and everything that was skipped
     * @throws FeedParseException when the document is not a readable RSS or Atom feed; its reason is meant for
     *                            users and never holds an internal exception's text
     */
    public ParsedFeed read(Feed feed, byte[] xml, String documentUrl) throws FeedParseException {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(xml, "xml");
        String base = documentUrl != null ? documentUrl : feed.url();
        if (xml.length == 0) {
            throw new FeedParseException(feed, "the document is empty", null);
        }
        FeedXml.Parsed xmlTree = FeedXml.parse(feed, xml);
        Document document = xmlTree.document();
        List<String> problems = new ArrayList<>();        // feed-wide: reported first
        List<String> itemProblems = new ArrayList<>();
        if (!xmlTree.declaredPrefixes().isEmpty()) {
            problems.add("the feed uses the namespace prefixes " + String.join(", ", xmlTree.declaredPrefixes())
                    + " without declaring them; read them as the well-known podcast namespaces (the feed should "
                    + "declare " + xmlTree.declaredPrefixes().stream().map(p -> "xmlns:" + p)
                    .collect(Collectors.joining(", ")) + ")");
        }
        DocumentUrls urls = new DocumentUrls(base);
        Element root = document.getRootElement();
        Optional<ParsedFeed> redirect = redirectDocument(feed, root, urls, base, problems);
        if (redirect.isPresent()) {
            return redirect.get();
        }
        SyndFeed syndFeed = toSyndFeed(feed, document);

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
            Optional<Episode> episode = toEpisode(feed, entry, item, root, urls,
                    message -> itemProblems.add(where + ": " + message));
            if (episode.isEmpty()) {
                continue;
            }
            Episode e = episode.get();
            Episode first = byGuid.putIfAbsent(e.guid(), e);
            if (first != null) {
                duplicates.add(e.guid());
                itemProblems.add(where + ": guid '" + e.guid() + "' already used by '" + first.title()
                        + "'; kept the first item, ignored this one");
            }
        }
        List<Episode> episodes = newest(new ArrayList<>(byGuid.values()), problems);
        Optional<String> movedTo = declaredMove(feed, root, urls, base, problems::add);
        problems.addAll(itemProblems);
        ParsedFeed parsed = new ParsedFeed(feed, HtmlText.decodeLine(syndFeed.getTitle()), episodes,
                new ArrayList<>(duplicates), bounded(problems), movedTo);
        log.debug("Feed '{}': {} episodes, {} duplicate guids, {} problems{}", feed.name(), parsed.episodes().size(),
                parsed.duplicateGuids().size(), parsed.problems().size(),
                movedTo.map(url -> ", moved to " + url).orElse(""));
        return parsed;
    }

    /** At most {@link #maxEpisodes}: the newest by publication date (undated ones count as oldest), in document order. */
    private List<Episode> newest(List<Episode> episodes, List<String> problems) {
        if (episodes.size() <= maxEpisodes) {
            return episodes;
        }
        List<Integer> byAge = new ArrayList<>(episodes.size());
        for (int i = 0; i < episodes.size(); i++) {
            byAge.add(i);
        }
        byAge.sort(Comparator.comparing((Integer i) -> episodes.get(i).publishedAt(),
                Comparator.nullsLast(Comparator.reverseOrder())));
        boolean[] kept = new boolean[episodes.size()];
        byAge.subList(0, maxEpisodes).forEach(i -> kept[i] = true);
        List<Episode> newest = new ArrayList<>(maxEpisodes);
        for (int i = 0; i < episodes.size(); i++) {
            if (kept[i]) {
                newest.add(episodes.get(i));
            }
        }
        problems.add("the feed lists " + episodes.size() + " episodes; kept the newest " + maxEpisodes
                + " (podgrep reads at most " + maxEpisodes + " per feed), dropped " + (episodes.size() - maxEpisodes)
                + " older ones");
        return newest;
    }

    private static List<String> bounded(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return problems;
        }
        List<String> bounded = new ArrayList<>(problems.subList(0, MAX_PROBLEMS - 1));
        bounded.add("… and " + (problems.size() - MAX_PROBLEMS + 1) + " more problems");
        return bounded;
    }

    /**
     * A document that is only a redirect: {@code <redirect><newLocation>URL</newLocation></redirect>} as the root,
     * or an {@code <rss>} root with such a {@code <redirect>} and no {@code <channel>}. An {@code <rss>} without
     * channel and without redirect is no feed.
     */
    private static Optional<ParsedFeed> redirectDocument(Feed feed, Element root, DocumentUrls urls, String base,
                                                         List<String> problems) throws FeedParseException {
        Element redirect;
        if (root.getName().equals("redirect")) {
            redirect = root;
        } else if (root.getName().equals("rss") && childNamed(root, "channel") == null) {
            redirect = childNamed(root, "redirect");
            if (redirect == null) {
                throw new FeedParseException(feed, "not an RSS feed: the <rss> document has no <channel>", null);
            }
        } else {
            return Optional.empty();
        }
        Element newLocation = childNamed(redirect, "newLocation");
        String written = newLocation == null ? null : blankToNull(newLocation.getTextTrim());
        if (written == null) {
            throw new FeedParseException(feed, "the document is a redirect without a <newLocation>", null);
        }
        Optional<String> url = urls.resolve(newLocation, written, "new feed location", refused -> { });
        if (url.isEmpty()) {
            throw new FeedParseException(feed, "the document is a redirect to " + DocumentUrls.quote(written)
                    + ", which is no usable http(s) URL", null);
        }
        if (DocumentUrls.sameUrl(url.get(), base) || DocumentUrls.sameUrl(url.get(), feed.url())) {
            throw new FeedParseException(feed, "the document is a redirect to the feed's own URL", null);
        }
        return Optional.of(new ParsedFeed(feed, null, List.of(), List.of(), problems, url));
    }

    /**
     * Where a feed that still lists its episodes says it now lives: the channel's {@code itunes:new-feed-url}, else
     * a {@code <redirect><newLocation>} in the channel or on the {@code <rss>} root; a URL naming the feed itself
     * (many feeds repeat their own URL there) is no move.
     */
    private static Optional<String> declaredMove(Feed feed, Element root, DocumentUrls urls, String base,
                                                 Consumer<String> problems) {
        Element channel = switch (root.getName()) {
            case "rss" -> childNamed(root, "channel");
            case "RDF" -> root.getChildren().stream().filter(c -> c.getName().equals("channel")).findFirst()
                    .orElse(null);
            default -> root;
        };
        List<Element> declaring = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> what = new ArrayList<>();
        if (channel != null) {
            Itunes.newFeedUrl(channel).ifPresent(url -> {
                declaring.add(channel);
                written.add(url);
                what.add("itunes:new-feed-url");
            });
        }
        for (Element parent : channel == null || channel == root ? List.of(root) : List.of(channel, root)) {
            Element redirect = childNamed(parent, "redirect");
            Element newLocation = redirect == null ? null : childNamed(redirect, "newLocation");
            if (newLocation != null && blankToNull(newLocation.getTextTrim()) != null) {
                declaring.add(newLocation);
                written.add(newLocation.getTextTrim());
                what.add("redirect newLocation");
            }
        }
        for (int i = 0; i < written.size(); i++) {
            Optional<String> url = urls.resolve(declaring.get(i), written.get(i), what.get(i), problems);
            if (url.isPresent() && !DocumentUrls.sameUrl(url.get(), base)
                    && !DocumentUrls.sameUrl(url.get(), feed.url())) {
                return url;
            }
        }
        return Optional.empty();
    }

    private static SyndFeed toSyndFeed(Feed feed, Document document) throws FeedParseException {
        try {
            return new SyndFeedInput().build(document);
        } catch (IllegalArgumentException e) {
            Element root = document.getRootElement();
            throw new FeedParseException(feed, "not an RSS or Atom feed (the document is <" + root.getQualifiedName()
                    + ">" + (root.getNamespaceURI().isEmpty() ? "" : " in " + root.getNamespaceURI()) + ")", e);
        } catch (com.rometools.rome.io.FeedException | RuntimeException e) {
            // the cause is logged, never shown: the reason is read by users
            log.warn("Feed '{}': Rome failed on the document", feed.name(), e);
            throw new FeedParseException(feed, "the document is XML but its RSS or Atom structure could not be read",
                    e);
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

    private static Optional<Episode> toEpisode(Feed feed, SyndEntry entry, Element item, Element root,
                                               DocumentUrls urls, Problems problems) {
        String title = title(entry);
        Optional<EnclosureChoice.Chosen> chosen = EnclosureChoice.choose(entry, item, root, urls, problems::add);
        Enclosure enclosure = chosen.map(EnclosureChoice.Chosen::enclosure).orElse(null);
        String guid = guid(entry, item);
        if (guid == null) {
            if (chosen.isEmpty()) {
                problems.add(EnclosureChoice.hasCandidates(entry, item)
                        ? "no guid and no usable enclosure; skipped" : "neither a guid nor an enclosure; skipped");
                return Optional.empty();
            }
            guid = chosen.get().writtenUrl();
        }
        Episode episode = new Episode(EpisodeId.of(feed.name(), guid), feed.name(), feed.language(), guid, title,
                publishedAt(entry, item, problems), description(entry, item), episodeUrl(entry, item, urls),
                enclosure, duration(item, problems), transcripts(item, feed.language(), urls, problems));
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

    /**
     * The episode's web page: RSS {@code <link>}, Atom {@code <link rel="alternate">} (or without rel), resolved.
     * Without such an element, Rome's link when it is an absolute http(s) URL (Rome offers a permalink guid as the
     * link; a guid that is no URL, or a relative one, must not become a page).
     */
    private static String episodeUrl(SyndEntry entry, Element item, DocumentUrls urls) {
        String romeLink = blankToNull(entry.getLink());
        String fallback = romeLink != null && isHttpUrl(romeLink) ? romeLink : null;
        if (item == null) {
            return fallback;
        }
        boolean atom = item.getName().equals("entry") && item.getNamespaceURI().equals(ATOM_10);
        for (Element child : item.getChildren()) {
            if (!child.getName().equals("link")) {
                continue;
            }
            String written;
            if (atom) {
                String rel = child.getAttributeValue("rel");
                boolean alternate = rel == null || rel.isBlank() || rel.strip().equals("alternate");
                written = child.getNamespaceURI().equals(ATOM_10) && alternate ? child.getAttributeValue("href") : null;
            } else {
                boolean core = child.getNamespaceURI().isEmpty() || child.getNamespaceURI().equals(item.getNamespaceURI());
                written = core ? child.getTextTrim() : null;
            }
            if (blankToNull(written) != null) {
                return urls.resolve(child, written, "item link", message -> { }).orElse(null);
            }
        }
        return fallback;
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

    /** The item's transcript links, at most {@link #MAX_TRANSCRIPT_LINKS}: the best ones, in document order. */
    private static List<TranscriptLink> transcripts(Element item, String language, DocumentUrls urls,
                                                    Problems problems) {
        if (item == null) {
            return List.of();
        }
        List<TranscriptLink> links = PodcastIndex.transcripts(item, (element, reference, what) ->
                urls.resolve(element, reference, what, problems::add), problems::add);
        if (links.size() <= MAX_TRANSCRIPT_LINKS) {
            return links;
        }
        List<TranscriptLink> best = links.stream()
                .sorted(Comparator.comparing((TranscriptLink link) -> inOtherLanguage(link, language))
                        .thenComparing(FeedReader::typeRank))
                .limit(MAX_TRANSCRIPT_LINKS)
                .toList();
        problems.add("kept the best " + MAX_TRANSCRIPT_LINKS + " of " + links.size() + " podcast:transcript links"
                + " (podgrep keeps at most " + MAX_TRANSCRIPT_LINKS + " per episode)");
        return links.stream().filter(best::contains).limit(MAX_TRANSCRIPT_LINKS).toList();
    }

    private static boolean inOtherLanguage(TranscriptLink link, String language) {
        return link.language() != null && language != null
                && !link.language().toLowerCase(Locale.ROOT).startsWith(language.toLowerCase(Locale.ROOT));
    }

    /** 0: a timed format podgrep reads (SRT, WebVTT, JSON); 1: another or no type; 2: HTML. */
    private static int typeRank(TranscriptLink link) {
        String type = link.type() == null ? "" : link.type().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return TIMED_TRANSCRIPT_TYPES.contains(type) ? 0 : type.contains("html") ? 2 : 1;
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
}
